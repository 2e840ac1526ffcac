package io.github.strophejna.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/build-libstrophe.sh's argument checks. Its builds (and the version file they write) are exercised by
 * LibStropheVersionsTest, from the source archives in ../shared/libstrophe; CI exercises --system through .ci/run.
 */
class BuildLibstropheScriptTest {

    record Result(int exit, String output) {}

    static Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", "scripts/build-libstrophe.sh"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out");
        return new Result(p.exitValue(), out);
    }

    static void assertFails(int exit, String message, String... args) throws Exception {
        Result r = run(args);
        assertEquals(exit, r.exit(), String.join(" ", args) + ":\n" + r.output());
        assertTrue(r.output().contains(message), String.join(" ", args) + " should say '" + message + "':\n" + r.output());
    }

    @Test
    void helpDescribesEveryMode() throws Exception {
        Result r = run("--help");
        assertEquals(0, r.exit(), r.output());
        for (String mode : List.of("--src DIR", "--tarball FILE", "--version X.Y.Z", "--sha256 HEX", "--system", "native/<os-arch>",
                "--with-fixes", "native/patches/")) {
            assertTrue(r.output().contains(mode), "help lacks " + mode + ":\n" + r.output());
        }
    }

    @Test
    void usageErrorsExitWith2() throws Exception {
        assertFails(2, "say what to build");
        assertFails(2, "choose one of", "--src", "/tmp", "--system");
        assertFails(2, "--version needs X.Y.Z, got '1.2'", "--version", "1.2");
        assertFails(2, "--sha256 needs 64 hex digits", "--version", "0.14.0", "--sha256", "abc");
        assertFails(2, "--sha256 goes with --version", "--system", "--sha256", "0".repeat(64));
        assertFails(2, "unknown argument '--frobnicate'", "--frobnicate");
        assertFails(2, "--with-fixes builds from sources: it does not go with --system", "--system", "--with-fixes");
    }

    @Test
    void badSourcesAreNamed(@TempDir Path dir) throws Exception {
        assertFails(1, "no such tarball: " + dir.resolve("missing.tar.gz"), "--tarball", dir.resolve("missing.tar.gz").toString());
        assertFails(1, dir + " is not a libstrophe source tree", "--src", dir.toString());
        Path junk = dir.resolve("junk.tar.gz");
        Files.writeString(junk, "not a tarball");
        assertFails(1, "cannot extract " + junk, "--tarball", junk.toString(), "--out", dir.resolve("out").toString());
    }

    @Test
    void aDownloadWithoutAKnownChecksumIsRefusedBeforeDownloading() throws Exception {
        assertFails(1, "no known SHA-256 for libstrophe-0.13.1.tar.gz: pass the one you trust with --sha256", "--version", "0.13.1");
    }
}
