package io.github.strophejna.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Benchmarks are not tests, but the benchmark script must run: --quick --only raw prints its figures. */
class BenchScriptTest {

    static String[] run(String... args) throws Exception {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "bash";
        cmd[1] = "scripts/bench.sh";
        System.arraycopy(args, 0, cmd, 2, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the benchmark did not finish");
        return new String[] {Integer.toString(p.exitValue()), out};
    }

    @Test
    void quickRawRunPrintsItsFigures() throws Exception {
        String[] r = run("--quick", "--only", "raw");
        assertEquals("0", r[0], r[1]);
        Matcher m = Pattern.compile("(?m)^raw\\s+(\\d+)/s\\s+(\\d+)/s\\s+(\\d+\\.\\d+)x\\s+>= 0\\.8x C: (met|not met)$").matcher(r[1]);
        assertTrue(m.find(), "no raw line in:\n" + r[1]);
        assertTrue(Long.parseLong(m.group(1)) > 0 && Long.parseLong(m.group(2)) > 0, r[1]);
        String json = Files.readString(Path.of("target/bench/results.json"));
        assertTrue(json.contains("\"raw\"") && json.contains("\"ratio\": " + m.group(3)), json);
    }

    @Test
    void workloadsNotYetWrittenSaySo() throws Exception {
        String[] r = run("--only", "flood");
        assertEquals("3", r[0], r[1]);
        assertTrue(r[1].contains("not implemented yet"), r[1]);
    }
}
