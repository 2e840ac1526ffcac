package io.github.strophejna.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.jna.LibStropheLoadingTest.Outcome;
import com.sun.jna.Platform;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every libstrophe version in the field, each in its own JVM: the exact version it is reported as, with and
 * without the version file of scripts/build-libstrophe.sh; what the binding refuses on it; and the table
 * scripts/bindings/since.txt checked against each version's strophe.h. The builds are made on first use
 * ({@link LibStropheBuilds}); the system's library is Debian's package.
 */
class LibStropheVersionsTest {

    private static final Pattern MASTER_AFTER = Pattern.compile("master after (\\d+\\.\\d+\\.\\d+)");

    /** The version a build's archive name stands for: the release, or master's (its sources say 0.14.0). */
    static LibStropheVersion versionOf(String name) {
        return name.startsWith("master-") ? new LibStropheVersion(0, 14, 0, "master") : LibStropheVersion.parse(name);
    }

    /** Whether a library of {@code v} has what since.txt says came in {@code since}. */
    static boolean has(LibStropheVersion v, String since) {
        Matcher m = MASTER_AFTER.matcher(since);
        if (m.matches()) {
            return v.isSnapshot() && v.atLeast(LibStropheVersion.parse(m.group(1)));
        }
        return v.atLeast(LibStropheVersion.parse(since));
    }

    static Outcome load(Path workDir, Path library, String... probeArgs) throws Exception {
        String[] args = new String[probeArgs.length + 1];
        args[0] = "-D" + LibStrophe.PATH_PROPERTY + "=" + library;
        System.arraycopy(probeArgs, 0, args, 1, probeArgs.length);
        return LibStropheLoadingTest.probe(workDir, Map.of(), args);
    }

    @ParameterizedTest
    @CsvSource({"0.11.0, 0.11.0", "0.13.0, 0.13.0", "0.13.1, 0.13.1", "0.14.0, 0.14.0", "master-b9eead3, master b9eead3"})
    void eachBuildIsReportedByItsExactVersionAndRefusesOnlyWhatItLacks(String name, String exact, @TempDir Path dir)
            throws Exception {
        Path build = LibStropheBuilds.get(name);
        Outcome o = load(dir, build, "guards");
        assertEquals(0, o.exit(), o.output());
        assertTrue(o.output().contains("LOADED " + exact + " FROM " + build.resolve(LibStropheBuilds.LIBRARY)), o.output());
        assertTrue(o.output().contains("DESCRIBED " + exact + ", project-built (version from libstrophe.version"), o.output());
        assertTrue(o.output().contains("BOUND true"), "the direct mapping did not bind:\n" + o.output());

        LibStropheVersion v = versionOf(name);
        Set<String> expected = new TreeSet<>();
        StropheSince.all().forEach((fn, since) -> {
            if (StropheSince.isFunction(fn) && !has(v, since)) {
                expected.add(fn);
                String why = since.startsWith("master") ? fn + ": UnsupportedLibStropheException: " + fn
                        + " is in no libstrophe release yet: only upstream master after 0.14.0 has it, and the loaded one is " + exact
                        : fn + ": UnsupportedLibStropheException: " + fn + " needs libstrophe " + since
                        + " or newer, but the loaded one is " + exact + ", project-built";
                assertTrue(o.output().contains("REFUSED " + why), "expected 'REFUSED " + why + "' in:\n" + o.output());
            }
        });
        Set<String> refused = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^REFUSED (\\w+):").matcher(o.output());
        while (m.find()) {
            refused.add(m.group(1));
        }
        assertEquals(expected, refused, o.output());
        assertTrue(!o.output().contains("CALLED "), o.output());
        StropheSince.all().forEach((constant, since) -> {
            if (constant.startsWith("XMPP_CONN_FLAG_")) {
                String line = has(v, since) ? "FLAG " + constant + " ok"
                        : "FLAG " + constant + " REFUSED: " + constant + " needs libstrophe " + since + " or newer";
                assertTrue(o.output().contains(line), "expected '" + line + "' in:\n" + o.output());
            }
            assertTrue(o.output().contains("SUPPORTS " + constant + " " + has(v, since)), constant + " in:\n" + o.output());
        });
    }

    @Test
    void theSystemLibraryIsReportedByItsPackageVersion(@TempDir Path dir) throws Exception {
        String pkg = dpkg("-W", "-f", "${Version}", "libstrophe0");
        assertTrue(pkg != null && !pkg.isBlank(), "the system's libstrophe0 package is not installed (dpkg-query knows"
                + " none): apt-get install -y libstrophe0 libstrophe-dev, or scripts/prerequisites.sh");
        String version = pkg.replaceFirst("^\\d+:", "").replaceFirst("-[^-]*$", "");
        Path library = dpkg("-L", "libstrophe0").lines().map(Path::of)
                .filter(p -> p.getFileName().toString().equals("libstrophe.so.0")).findFirst()
                .orElseThrow(() -> new AssertionError("libstrophe0 has no libstrophe.so.0"));
        Outcome o = load(dir, library);
        assertEquals(0, o.exit(), o.output());
        assertTrue(o.output().contains("LOADED " + version + " FROM "), "package " + pkg + ":\n" + o.output());
        assertTrue(o.output().contains("DESCRIBED " + version + ", stock (version from xmpp_version_check and the file name)"),
                o.output());
    }

    private static String dpkg(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "dpkg-query";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue() == 0 ? out : null;
    }

    @ParameterizedTest
    @CsvSource({"0.11.0, 0.11.x", "0.13.1, 0.13.x", "0.14.0, 0.14.x", "master-b9eead3, master"})
    void withoutItsVersionFileABuildIsNamedByWhatItExports(String name, String reported, @TempDir Path dir) throws Exception {
        Path library = Files.copy(LibStropheBuilds.get(name).resolve(LibStropheBuilds.LIBRARY), dir.resolve(LibStropheBuilds.LIBRARY));
        Outcome o = load(dir, library);
        assertEquals(0, o.exit(), o.output());
        assertTrue(o.output().contains("LOADED " + reported + " FROM " + library), o.output());
        assertTrue(o.output().contains("DESCRIBED " + reported + ", stock (version from "), o.output());
        if (name.startsWith("master")) {
            assertTrue(o.output().contains("a development snapshot after 0.14.0: it has xmpp_tlscert_get_userdata, which no release has"),
                    o.output());
        }
    }

    @Test
    void aVersionFileOfAnotherLibraryIsIgnored(@TempDir Path dir) throws Exception {
        Path library = Files.copy(LibStropheBuilds.get("0.14.0").resolve(LibStropheBuilds.LIBRARY), dir.resolve(LibStropheBuilds.LIBRARY));
        Files.copy(LibStropheBuilds.get("0.13.1").resolve(VersionFile.NAME), dir.resolve(VersionFile.NAME));
        Outcome o = load(dir, library);
        assertEquals(0, o.exit(), o.output());
        assertTrue(o.output().contains("LOADED 0.14.x FROM"), o.output());
        assertTrue(o.output().contains(dir.resolve(VersionFile.NAME) + " is ignored: it describes another library file"), o.output());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.14.0 | version=0.14.0 | version=0.13.1 | it says 0.13.1 but the library's xmpp_version_check says 0.14",
        "master-b9eead3 | snapshot=master b9eead3 | snapshot= | it says release 0.14.0 but the library has xmpp_tlscert_get_userdata",
        "0.11.0 | version=0.11.0 | version=0.10.1 | it says 0.10.1 but the library has the functions of 0.11.0"})
    void aVersionFileThatContradictsItsLibraryIsIgnored(String name, String line, String lie, String why, @TempDir Path dir)
            throws Exception {
        Path build = LibStropheBuilds.get(name);
        Path library = Files.copy(build.resolve(LibStropheBuilds.LIBRARY), dir.resolve(LibStropheBuilds.LIBRARY));
        String text = Files.readString(build.resolve(VersionFile.NAME));
        assertTrue(text.contains(line + "\n"), text);
        Files.writeString(dir.resolve(VersionFile.NAME), text.replace(line + "\n", lie + "\n"));
        Outcome o = load(dir, library);
        assertEquals(0, o.exit(), o.output());
        assertTrue(o.output().contains(VersionFile.NAME + " is ignored: " + why), o.output());
        assertTrue(o.output().contains(", stock (version from "), o.output());
    }

    @Test
    void theJarsCopyIsNamedByTheVersionFilePackedBesideIt(@TempDir Path dir) throws Exception {
        Path build = LibStropheBuilds.get("0.13.1");
        Path resources = Files.createDirectories(dir.resolve("classes").resolve(Platform.RESOURCE_PREFIX));
        Files.copy(build.resolve(LibStropheBuilds.LIBRARY), resources.resolve(LibStropheBuilds.LIBRARY));
        Files.copy(build.resolve(VersionFile.NAME), resources.resolve(VersionFile.NAME));
        Path work = Files.createDirectories(dir.resolve("work"));
        Outcome o = LibStropheLoadingTest.probeWithClassPath(work, Map.of(),
                dir.resolve("classes") + File.pathSeparator + System.getProperty("java.class.path"));
        assertEquals(0, o.exit(), o.output());
        assertTrue(o.output().contains("LOADED 0.13.1 FROM "), o.output());
        assertTrue(o.output().contains("(jar resource " + Platform.RESOURCE_PREFIX + "/" + LibStropheBuilds.LIBRARY + ")"), o.output());
        assertTrue(o.output().contains("DESCRIBED 0.13.1, project-built"), o.output());
    }

    /**
     * since.txt against the headers: each function it lists is declared exactly by the versions it says have
     * it, and every function a version added after the oldest supported one is listed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0.11.0", "system", "0.13.0", "0.13.1", "0.14.0", "master-b9eead3"})
    void sinceTxtMatchesEachVersionsHeader(String name) throws Exception {
        Path header = name.equals("system") ? InstalledHeader.PATH : LibStropheBuilds.get(name).resolve("include").resolve("strophe.h");
        LibStropheVersion v;
        if (name.equals("system")) { // the distribution's header, at the version its package says
            String pkg = dpkg("-W", "-f", "${Version}", "libstrophe-dev");
            assertTrue(pkg != null && !pkg.isBlank() && Files.isReadable(header), "the system's libstrophe-dev is not installed:"
                    + " apt-get install -y libstrophe-dev, or scripts/prerequisites.sh");
            v = LibStropheVersion.parse(pkg.replaceFirst("^\\d+:", "").replaceFirst("-[^-]*$", ""));
        } else {
            v = versionOf(name);
        }
        Set<String> declared = InstalledHeader.read(header).functions();
        Map<String, String> wrong = new TreeMap<>();
        StropheSince.all().forEach((fn, since) -> {
            if (StropheSince.isFunction(fn) && declared.contains(fn) != has(v, since)) {
                wrong.put(fn, since + (declared.contains(fn) ? ", but declared" : ", but not declared"));
            }
        });
        assertEquals(Map.of(), wrong, "since.txt against " + header);

        Set<String> unlisted = new TreeSet<>(declared);
        unlisted.removeAll(exported(LibStropheBuilds.get(StropheSince.OLDEST_SUPPORTED).resolve(LibStropheBuilds.LIBRARY)));
        unlisted.removeAll(ExcludedFunctions.all().keySet());
        unlisted.removeAll(StropheSince.all().keySet());
        assertEquals(Set.of(), unlisted, "declared in " + header + ", not exported by " + StropheSince.OLDEST_SUPPORTED
                + ", and not in scripts/bindings/since.txt");
    }

    /** The functions a library exports (0.11.0 exports xmpp_rand_* although only 0.12.0's header declares them). */
    private static Set<String> exported(Path library) throws Exception {
        Process p = new ProcessBuilder("nm", "-D", "--defined-only", library.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "nm -D " + library + " failed (binutils installed?)");
        Set<String> names = new TreeSet<>();
        out.lines().map(l -> l.trim().split("\\s+")).filter(f -> f.length == 3 && f[1].equals("T")).forEach(f -> names.add(f[2]));
        return names;
    }
}
