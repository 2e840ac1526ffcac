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

/**
 * Benchmarks are not tests, but the benchmark script must run: --quick --only raw prints its figures and
 * goal, and an unknown workload is refused.
 */
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
        Matcher row = Pattern.compile("(?m)^raw\\s+msg_per_s\\s+(\\d+)\\s+(\\d+)\\s+-\\s+(\\d+\\.\\d+)x\\s+-$").matcher(r[1]);
        assertTrue(row.find(), "no raw row in:\n" + r[1]);
        assertTrue(Long.parseLong(row.group(1)) > 0 && Long.parseLong(row.group(2)) > 0, r[1]);
        Matcher goal = Pattern.compile("(?m)^goal raw .*>= 0\\.80x C libstrophe\\s+measured (\\d+\\.\\d+)x\\s+(met|NOT MET)$").matcher(r[1]);
        assertTrue(goal.find(), "no raw goal in:\n" + r[1]);
        assertEquals(row.group(3), goal.group(1), r[1]);
        String json = Files.readString(Path.of("target/bench/results.json"));
        assertTrue(json.contains("\"workload\": \"raw\", \"figure\": \"msg_per_s\"")
                && json.contains("\"measured\": \"" + goal.group(1) + "x\""), json);
    }

    @Test
    void unknownWorkloadIsRefused() throws Exception {
        String[] r = run("--only", "nosuchworkload");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("unknown workload 'nosuchworkload'"), r[1]);
    }
}
