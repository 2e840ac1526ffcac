package io.github.strophejna.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/generate-bindings.sh, rerun on the installed header, reproduces the committed files byte for byte. */
class BindingRegenerationTest {

    static final Path COMMITTED = Path.of("src/main/java/io/github/strophejna/jna");

    @Test
    void regenerationReproducesTheCommittedFiles(@TempDir Path out) throws Exception {
        Process p = new ProcessBuilder("bash", "scripts/generate-bindings.sh", InstalledHeader.PATH.toString(),
                "--out", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "generation timed out");
        assertEquals(0, p.exitValue(), "scripts/generate-bindings.sh failed:\n" + log);

        List<String> generated = Files.readAllLines(out.resolve("GENERATED_FILES"));
        assertEquals(Files.readAllLines(COMMITTED.resolve("GENERATED_FILES")), generated,
                "a different set of files; regenerate and commit");
        assertTrue(generated.size() > 10, "generated only " + generated);
        for (String file : generated) {
            assertArrayEquals(Files.readAllBytes(COMMITTED.resolve(file)), Files.readAllBytes(out.resolve(file)),
                    file + " differs from a fresh generation; run scripts/generate-bindings.sh and commit");
            assertTrue(Files.readString(out.resolve(file)).startsWith("// GENERATED FILE - DO NOT EDIT."), file);
        }
    }
}
