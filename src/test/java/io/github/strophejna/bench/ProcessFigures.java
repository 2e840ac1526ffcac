package io.github.strophejna.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the "scale" workload reports about its own process, the same way for this library and Smack:
 * resident memory and thread count from /proc/self/status, and process CPU time (while connecting, and idle).
 */
public final class ProcessFigures {

    private ProcessFigures() {
    }

    /**
     * After connecting: waits IDLE_SECONDS while measuring the process's CPU, then prints the scale figures
     * (after a GC, so both libraries are measured with their garbage collected alike).
     *
     * @param connectAllMillis how long connecting all clients took
     * @param connectCpuNanos the process's CPU time ({@link #processCpuNanos()}) when connecting began
     * @param javaThreadsBefore live Java threads before the first client was made
     * @param idleSeconds the idle window
     */
    public static void printScaleFigures(double connectAllMillis, long connectCpuNanos, int javaThreadsBefore,
            int idleSeconds) throws IOException, InterruptedException {
        double connectCpu = (processCpuNanos() - connectCpuNanos) / 1e6;
        System.gc();
        Thread.sleep(1000);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        Thread.sleep(idleSeconds * 1000L);
        double idle = 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - wall0);
        System.gc();
        Thread.sleep(500);
        System.out.printf("scale_connect_all_ms %.0f%n", connectAllMillis);
        System.out.printf("scale_connect_cpu_ms %.0f%n", connectCpu);
        System.out.printf("scale_rss_kb %d%n", status("VmRSS"));
        System.out.printf("scale_process_threads %d%n", status("Threads"));
        System.out.printf("scale_threads_added %d%n", Thread.activeCount() - javaThreadsBefore);
        System.out.printf("scale_idle_cpu_percent %.3f%n", idle);
    }

    /**
     * @return CPU time of the whole process (every thread: JIT and GC too), in nanoseconds; taken when connecting
     *     begins, it gives {@link #printScaleFigures}'s "connect_cpu_ms", which the machine's other load moves less
     *     than the wall time
     */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " not in /proc/self/status");
    }
}
