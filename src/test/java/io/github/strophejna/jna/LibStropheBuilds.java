package io.github.strophejna.jna;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds of the libstrophe versions in the field, made with scripts/build-libstrophe.sh into
 * target/libstrophe-builds/NAME when missing (about 15 s each; -Dstrophe.libstrophe.builds=DIR elsewhere), from the
 * source archives in ../shared/libstrophe (-Dstrophe.libstrophe.sources=DIR elsewhere), as upstream wrote them or,
 * for a name ending in {@value #FIXED}, with the project's fixes ({@code --with-fixes}). A build that cannot be made
 * fails the test that asked for it, saying why (never a skip: CI has the archives and the tools). Test support,
 * public for the tests of other packages that run a particular build in a JVM of its own.
 */
public final class LibStropheBuilds {

    /** The archives' names between "libstrophe-" and "-src.tar.gz", oldest first. */
    static final List<String> NAMES = List.of("0.11.0", "0.13.0", "0.13.1", "0.14.0", "master-b9eead3");

    static final Path SOURCES = Path.of(System.getProperty("strophe.libstrophe.sources", "../shared/libstrophe")).toAbsolutePath().normalize();
    /** Shared with scripts/test-matrix.sh, which builds here too and points its copies' tests here. */
    static final Path BUILDS = Path.of(System.getProperty("strophe.libstrophe.builds", "target/libstrophe-builds")).toAbsolutePath();
    static final String LIBRARY = System.mapLibraryName("strophe");
    /** The suffix of a build with the project's fixes: {@code 0.14.0-fixed}, {@code master-b9eead3-fixed}. */
    public static final String FIXED = "-fixed";

    private LibStropheBuilds() {
    }

    /**
     * The build of one version, building it first when it is not there yet.
     *
     * @param name one of {@link #NAMES}, or one of them followed by {@link #FIXED} (0.13.0 and later)
     * @return its directory: the library, {@code libstrophe.version} and {@code include/strophe.h}
     */
    public static synchronized Path get(String name) throws Exception {
        boolean fixed = name.endsWith(FIXED);
        String archive = fixed ? name.substring(0, name.length() - FIXED.length()) : name;
        Path out = BUILDS.resolve(name);
        if (complete(out) && hasFixes(out) == fixed) {
            return out;
        }
        Path tarball = SOURCES.resolve("libstrophe-" + archive + "-src.tar.gz");
        if (!Files.isRegularFile(tarball)) {
            throw new AssertionError("The libstrophe source archive " + tarball + " is missing, so version " + name
                    + " cannot be built for this test. Put the archives of ../shared/libstrophe/README.md there (git archive"
                    + " exports of upstream's tags and master), or point -Dstrophe.libstrophe.sources=DIR at them.");
        }
        Path partial = BUILDS.resolve(name + ".partial");
        delete(partial);
        delete(out);
        Files.createDirectories(BUILDS);
        File log = BUILDS.resolve(name + ".log").toFile();
        List<String> command = new java.util.ArrayList<>(List.of("bash", "scripts/build-libstrophe.sh", "--tarball",
                tarball.toString(), "--out", partial.toString()));
        if (fixed) {
            command.add("--with-fixes");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        assertTrue(p.waitFor(15, TimeUnit.MINUTES), "building libstrophe " + name + " timed out; see " + log);
        if (p.exitValue() != 0 || !complete(partial) || hasFixes(partial) != fixed) {
            throw new AssertionError("scripts/build-libstrophe.sh " + String.join(" ", command.subList(2, command.size()))
                    + " could not build libstrophe " + name + (fixed ? " with the project's fixes" : "") + " (exit "
                    + p.exitValue() + "):\n" + Files.readString(log.toPath(), StandardCharsets.UTF_8));
        }
        Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
        return out;
    }

    private static boolean complete(Path dir) {
        return Files.isRegularFile(dir.resolve(LIBRARY)) && Files.isRegularFile(dir.resolve(VersionFile.NAME))
                && Files.isRegularFile(dir.resolve("include").resolve("strophe.h"));
    }

    /** @return whether the build's version file lists fixes (a {@code --with-fixes} build) */
    private static boolean hasFixes(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve(VersionFile.NAME), StandardCharsets.UTF_8).stream()
                .anyMatch(l -> l.startsWith("fixes=") && !l.substring("fixes=".length()).isBlank());
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
