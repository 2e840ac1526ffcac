package io.github.strophejna.bench;

import java.lang.management.ManagementFactory;

/**
 * The flood's two figures, taken the same way by this library's and Smack's programs (the C program takes
 * them with getrusage): messages per second, and the client process's CPU time (user + sys) per message.
 * Sender and receiver live in that one process, so the CPU figure is both ends of the flood together.
 *
 * <p>CPU comes from {@code OperatingSystemMXBean.getProcessCpuTime()}: on Linux it is times(2), the whole
 * process, every thread (JIT compiler and GC included, the client's real cost) and threads that already
 * ended, like getrusage(RUSAGE_SELF) in C. Its resolution is one clock tick (10 ms); /proc/self/stat has
 * the same ticks, so reading it would gain nothing. A full flood costs the client about a second of CPU,
 * so a tick is about 1 % of it.
 */
public final class FloodMeter {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long wallStart;
    private final long cpuStart;

    private FloodMeter(long wallStart, long cpuStart) {
        this.wallStart = wallStart;
        this.cpuStart = cpuStart;
    }

    /** @return a meter running from now: call just before the first send (after start-up and login) */
    public static FloodMeter start() {
        long cpu = OS.getProcessCpuTime();
        return new FloodMeter(System.nanoTime(), cpu);
    }

    /**
     * Prints flood_msg_per_s and flood_cpu_us_per_msg for the time since {@link #start()}: call once the
     * receiver has counted the last message.
     *
     * @param count messages sent and received
     */
    public void print(long count) {
        long wall = System.nanoTime() - wallStart;
        long cpu = OS.getProcessCpuTime() - cpuStart;
        System.out.printf("flood_msg_per_s %.0f%n", count / (wall / 1e9));
        System.out.printf("flood_cpu_us_per_msg %.2f%n", cpu / 1e3 / count);
    }
}
