package io.github.strophejna.jna;

import io.github.strophejna.jna.internal.TrustStoreEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding libstrophe, its version, and the errors when it is missing, too old, or not libstrophe. */
class LibStropheLoadingTest {

    record Outcome(int exit, String output) {}

    static Outcome probe(Path workDir, Map<String, String> env, String... jvmArgsThenProbeArgs) throws Exception {
        return probeWithClassPath(workDir, env, System.getProperty("java.class.path"), jvmArgsThenProbeArgs);
    }

    /** LoaderProbe in a child JVM: arguments starting with '-' go to the JVM, the others to the probe. */
    static Outcome probeWithClassPath(Path workDir, Map<String, String> env, String classPath, String... jvmArgsThenProbeArgs)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath));
        List<String> probeArgs = new ArrayList<>();
        for (String a : jvmArgsThenProbeArgs) {
            if (a.startsWith("-")) {
                cmd.add(a);
            } else {
                probeArgs.add(a);
            }
        }
        cmd.add(LoaderProbe.class.getName());
        cmd.addAll(probeArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().remove(LibStrophe.PATH_ENV);
        pb.environment().remove("SSL_CERT_FILE");
        pb.environment().remove("SSL_CERT_DIR");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe timed out");
        return new Outcome(p.exitValue(), out);
    }

    static Path realLibrary() throws Exception {
        Path f = Path.of(LibStrophe.file());
        assertTrue(f.isAbsolute(), "the loaded library's file is not known: " + f);
        return f.toRealPath();
    }

    static Path compileLibrary(Path dir, String cSource) throws Exception {
        Path src = dir.resolve("lib.c");
        Files.writeString(src, cSource);
        Path lib = dir.resolve("libstrophe.so");
        StropheConstantsTest.run(dir, List.of("gcc", "-shared", "-fPIC", "-o", lib.toString(), src.toString()));
        return lib;
    }

    @Test
    void detectsTheLoadedVersion() throws Exception {
        LibStropheVersion v = LibStrophe.load();
        assertTrue(v.atLeast(LibStrophe.MINIMUM_VERSION), v.toString());
        if (v.major() == 0 && v.minor() < 12) {
            // 0.11 and older are built without their version: xmpp_version_check answers as 0.0, and the
            // version comes from the functions they export
            assertEquals(1, Strophe.xmpp_version_check(0, 0));
            assertEquals(0, Strophe.xmpp_version_check(0, -1));
            return;
        }
        // the detected minor is the smallest that xmpp_version_check accepts
        assertEquals(1, Strophe.xmpp_version_check(v.major(), v.minor()));
        assertEquals(0, Strophe.xmpp_version_check(v.major(), v.minor() - 1));
        assertEquals(0, Strophe.xmpp_version_check(v.major() + 1, v.minor()));
        Matcher m = Pattern.compile("libstrophe\\.so\\.(\\d+)\\.(\\d+)\\.(\\d+)").matcher(realLibrary().getFileName().toString());
        if (m.matches() && Integer.parseInt(m.group(2)) == v.minor()) {
            assertEquals(Integer.parseInt(m.group(3)), v.patch(), "patch level from " + realLibrary());
        }
    }

    @Test
    void aWrongExplicitPathGivesOneClearError(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("no-such-dir");
        Outcome o = probe(dir, Map.of(), "-D" + LibStrophe.PATH_PROPERTY + "=" + missing);
        assertEquals(3, o.exit(), o.output());
        assertTrue(o.output().startsWith("LibStropheNotFoundException: libstrophe was not found. Tried:"), o.output());
        for (String expected : List.of(missing + " (-D" + LibStrophe.PATH_PROPERTY + "): no such file",
                "apt-get install -y libstrophe0", "scripts/build-libstrophe.sh", "-D" + LibStrophe.PATH_PROPERTY)) {
            assertTrue(o.output().contains(expected), "message lacks '" + expected + "':\n" + o.output());
        }
    }

    @Test
    void anExplicitDirectoryIsSearchedForBothNames(@TempDir Path dir) throws Exception {
        Outcome o = probe(dir, Map.of(), "-D" + LibStrophe.PATH_PROPERTY + "=" + dir);
        assertEquals(3, o.exit(), o.output());
        assertTrue(o.output().contains(dir + "/libstrophe.so (-D" + LibStrophe.PATH_PROPERTY + "): no such file"), o.output());
        assertTrue(o.output().contains(dir + "/libstrophe.so.0 (-D" + LibStrophe.PATH_PROPERTY + "): no such file"), o.output());
    }

    @Test
    void theEnvironmentVariableNamesAFile(@TempDir Path dir) throws Exception {
        Outcome o = probe(dir, Map.of(LibStrophe.PATH_ENV, realLibrary().toString()));
        assertEquals(0, o.exit(), o.output());
        assertTrue(o.output().contains("LOADED " + LibStrophe.version() + " FROM " + realLibrary() + " (" + LibStrophe.PATH_ENV + ")"),
                o.output());
    }

    @Test
    void aLibraryInNativeDirWinsOverTheSystem(@TempDir Path dir) throws Exception {
        Path nativeDir = Files.createDirectories(dir.resolve("native").resolve(Platform.RESOURCE_PREFIX));
        Files.copy(realLibrary(), nativeDir.resolve("libstrophe.so"));
        Outcome o = probe(dir, Map.of());
        assertEquals(0, o.exit(), o.output());
        assertTrue(o.output().contains(nativeDir.resolve("libstrophe.so") + " (native/" + Platform.RESOURCE_PREFIX
                + "/ under the working directory)"), o.output());
    }

    @Test
    void withoutNativeDirTheJarResourceThenTheSystemLibraryIsUsed(@TempDir Path dir) throws Exception {
        Outcome o = probe(dir, Map.of());
        assertEquals(0, o.exit(), o.output());
        boolean packaged = getClass().getClassLoader().getResource(Platform.RESOURCE_PREFIX + "/libstrophe.so") != null;
        assertTrue(o.output().contains(packaged ? "(jar resource " : "(system, from libstrophe"), o.output());
    }

    /** A stand-in for libstrophe 0.10: version check built without the version macros, and 0.10.0's functions. */
    static String fakeOldLibrary(boolean withOnePointTenFunctions) {
        StringBuilder c = new StringBuilder("int xmpp_version_check(int major, int minor) { return major == 0 && minor >= 0; }\n");
        if (withOnePointTenFunctions) {
            StropheSince.all().forEach((name, since) -> {
                if (since.equals("0.10.0") && StropheSince.isFunction(name)) {
                    c.append("void ").append(name).append("(void) {}\n");
                }
            });
        }
        return c.toString();
    }

    @Test
    void aTooOldLibraryIsRefusedNamingTheVersions(@TempDir Path dir) throws Exception {
        Path lib = compileLibrary(dir, fakeOldLibrary(true));
        Outcome o = probe(dir, Map.of(), "-D" + LibStrophe.PATH_PROPERTY + "=" + lib);
        assertEquals(3, o.exit(), o.output());
        assertTrue(o.output().startsWith("UnsupportedLibStropheException: libstrophe 0.10.x at " + lib), o.output());
        assertTrue(o.output().contains("needs 0.11.0 or newer"), o.output());
        assertTrue(o.output().contains("scripts/build-libstrophe.sh"), o.output());
    }

    @Test
    void aLibraryOlderThanAnyKnownFunctionIsCalledSo(@TempDir Path dir) throws Exception {
        Path lib = compileLibrary(dir, fakeOldLibrary(false));
        Outcome o = probe(dir, Map.of(), "-D" + LibStrophe.PATH_PROPERTY + "=" + lib);
        assertEquals(3, o.exit(), o.output());
        assertTrue(o.output().startsWith("UnsupportedLibStropheException: libstrophe older than 0.10.0 at " + lib), o.output());
    }

    @Test
    void aLibraryThatIsNotLibstropheIsReported(@TempDir Path dir) throws Exception {
        Path lib = compileLibrary(dir, "int something_else(void) { return 0; }\n");
        Outcome o = probe(dir, Map.of(), "-D" + LibStrophe.PATH_PROPERTY + "=" + lib);
        assertEquals(3, o.exit(), o.output());
        assertTrue(o.output().contains(lib + " (-D" + LibStrophe.PATH_PROPERTY + "): loads, but is not libstrophe"), o.output());
    }

    @Test
    void stringsAreUtf8EvenWhenTheJvmDefaultIsAscii(@TempDir Path dir) throws Exception {
        Outcome o = probe(dir, Map.of("LANG", "C", "LC_ALL", "C"), "-Dfile.encoding=US-ASCII", "-Dsun.jnu.encoding=US-ASCII", "utf8");
        assertEquals(0, o.exit(), o.output());
        assertTrue(o.output().contains("UTF8 OK"), o.output());
    }

    @Test
    void theTrustStoreIsMadeLazyOnlyWhenTheUserLeftItAlone(@TempDir Path dir) throws Exception {
        Outcome lazy = probe(dir, Map.of(), "truststore");
        assertTrue(lazy.output().contains("CHANGED true FILE /etc/ssl/certs/.strophe-jna-no-bundle DIR /etc/ssl/certs"), lazy.output());
        Outcome off = probe(dir, Map.of(), "-D" + TrustStoreEnvironment.PROPERTY + "=false", "truststore");
        assertTrue(off.output().contains("CHANGED false FILE null DIR null"), off.output());
        Outcome users = probe(dir, Map.of("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt"), "truststore");
        assertTrue(users.output().contains("CHANGED false FILE /etc/ssl/certs/ca-certificates.crt DIR null"), users.output());
    }

    @Test
    void newerFunctionsAndFlagsAreGuarded() {
        LibStropheVersion v = LibStrophe.version();
        if (!LibStrophe.hasFunction("xmpp_tlscert_get_userdata")) {
            UnsupportedLibStropheException e = assertThrows(UnsupportedLibStropheException.class,
                    () -> StropheNewer.xmpp_tlscert_get_userdata(null));
            assertTrue(e.getMessage().startsWith("xmpp_tlscert_get_userdata is in no libstrophe release yet: only upstream"
                    + " master after 0.14.0 has it, and the loaded one is " + v), e.getMessage());
            assertTrue(e.getMessage().contains("build upstream master"), e.getMessage());
            assertFalse(LibStrophe.supports("xmpp_tlscert_get_userdata"));
        }
        if (!v.atLeast(LibStropheVersion.parse("0.14.0"))) {
            UnsupportedLibStropheException e = assertThrows(UnsupportedLibStropheException.class,
                    () -> StropheNewer.xmpp_conn_set_sm_callback(null, null, null));
            assertTrue(e.getMessage().startsWith("xmpp_conn_set_sm_callback needs libstrophe 0.14.0 or newer, but the loaded one is " + v),
                    e.getMessage());
            assertFalse(LibStrophe.supports("xmpp_conn_set_sm_callback"));
            assertThrows(UnsupportedLibStropheException.class, () -> StropheNewer.xmpp_conn_restore_sm_state(null, null, null));
        } else {
            assertTrue(LibStrophe.hasFunction("xmpp_conn_set_sm_callback"));
        }
        if (!v.atLeast(LibStropheVersion.parse("0.13.0"))) {
            UnsupportedLibStropheException e = assertThrows(UnsupportedLibStropheException.class,
                    () -> StropheNewer.requireFlags(StropheConstants.XMPP_CONN_FLAG_ENABLE_COMPRESSION));
            assertTrue(e.getMessage().contains("XMPP_CONN_FLAG_ENABLE_COMPRESSION needs libstrophe 0.13.0"), e.getMessage());
            assertFalse(LibStrophe.supports("XMPP_CONN_FLAG_ENABLE_COMPRESSION"));
        }
        assertTrue(LibStrophe.supports("xmpp_conn_new"));
        assertTrue(LibStrophe.supports("XMPP_CONN_FLAG_MANDATORY_TLS"));
        assertFalse(LibStrophe.supports("xmpp_no_such_function"));
        assertThrows(IllegalArgumentException.class, () -> LibStrophe.supports("XMPP_NO_SUCH_CONSTANT"));
        StropheNewer.requireFlags(StropheConstants.XMPP_CONN_FLAG_MANDATORY_TLS); // always known
    }
}
