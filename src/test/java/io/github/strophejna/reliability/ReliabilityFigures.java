package io.github.strophejna.reliability;

import io.github.strophejna.internal.Json;
import io.github.strophejna.testing.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The figures of one reliability measurement (native memory, concurrency): printed as one greppable line,
 * {@code RELIABILITY <name> key=value ...}, and written to {@code target/reliability/<name>.json}, where
 * docs/RELIABILITY.md takes them from.
 *
 * <p>The long runs have two settings: a lighter one for CI and the full one of the report, chosen with
 * {@code -Dstrophe.reliability.full=true}.
 */
public final class ReliabilityFigures {

    private final String name;
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** @param name the measurement, also the JSON file's name */
    public ReliabilityFigures(String name) {
        this.name = name;
        values.put("setting", full() ? "full" : "ci");
    }

    /** @return true when the full setting was asked for ({@code -Dstrophe.reliability.full=true}) */
    public static boolean full() {
        return Boolean.getBoolean("strophe.reliability.full");
    }

    /**
     * @param ci the value in CI
     * @param full the value of the full setting
     * @return the one for this run
     */
    public static int setting(int ci, int full) {
        return full() ? full : ci;
    }

    /**
     * The process's resident set size after a garbage collection, so that collectable Java garbage does not
     * count as growth.
     *
     * @return VmRSS from /proc/self/status, in KiB
     */
    public static long rssKbAfterGc() throws IOException, InterruptedException {
        for (int i = 0; i < 2; i++) { // twice, as one round's cleaning can leave more for the next
            // a dropped object on JNA's cleaner (the thread that frees native Memory): once its action has
            // run, the collection happened and that thread took what it found
            CountDownLatch cleaned = new CountDownLatch(1);
            com.sun.jna.internal.Cleaner.getCleaner().register(new Object(), cleaned::countDown);
            System.gc();
            Eventually.await(() -> cleaned.getCount() == 0, Duration.ofSeconds(30),
                    "a collection to clear a dropped object and JNA's cleaner to run (is System.gc() disabled?)");
        }
        // G1 gives the freed heap back to the OS from a task that starts 100 ms after a collection and then
        // frees 128 MB per 10 ms step (JDK 17's concurrent uncommit); only RSS itself shows when that is
        // over, so it is read until it has not fallen for twice that delay
        long[] lowest = {rssKb(), System.nanoTime()};
        Eventually.await(() -> {
            long now = rssKb();
            if (now < lowest[0]) {
                lowest[0] = now;
                lowest[1] = System.nanoTime();
            }
            return System.nanoTime() - lowest[1] > TimeUnit.MILLISECONDS.toNanos(200);
        }, Duration.ofSeconds(30), () -> "RSS to stop falling after the collection; at " + lowest[0] + " KiB");
        return rssKb();
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /**
     * @param key a name without spaces
     * @param value a number, boolean or text
     * @return this
     */
    public ReliabilityFigures put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** Prints the line and writes the JSON file. */
    public void report() {
        System.out.println("RELIABILITY " + name + " " + values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        String json = values.entrySet().stream()
                .map(e -> "  " + Json.quote(e.getKey()) + ": " + (e.getValue() instanceof Number || e.getValue() instanceof Boolean
                        ? e.getValue().toString() : Json.quote(String.valueOf(e.getValue()))))
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
        try {
            Path dir = Files.createDirectories(Path.of("target", "reliability"));
            Files.writeString(dir.resolve(name + ".json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the figures of " + name, e);
        }
    }
}
