package io.github.strophejna.reliability;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a test's scenario on a thread of its own and fails the test, with a dump of every thread (locks and
 * deadlocks included, the event-loop threads among them), when the scenario stalls: the test says what a
 * stall is ({@code stalled} returns why, or null while all is well). A deadlocked scenario cannot hang the
 * build: its thread is a daemon and is left behind.
 */
public final class Watchdog {

    /** A scenario step that may throw. */
    public interface Scenario {
        void run() throws Exception;
    }

    private Watchdog() {
    }

    /**
     * Runs the scenario and waits for it, checking once a second.
     *
     * @param name the scenario thread's name
     * @param scenario what to run
     * @param stalled null while progressing, else a description of the stall
     * @param limit the longest the whole scenario may take
     * @throws AssertionError on a stall or when the limit passes, with the thread dump
     * @throws Exception what the scenario threw
     */
    public static void run(String name, Scenario scenario, Supplier<String> stalled, Duration limit) throws Exception {
        Exception[] failure = new Exception[1];
        Error[] error = new Error[1];
        Thread t = new Thread(() -> {
            try {
                scenario.run();
            } catch (Exception e) {
                failure[0] = e;
            } catch (Error e) {
                error[0] = e;
            }
        }, name);
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            t.join(1000);
            if (!t.isAlive()) {
                break;
            }
            String why = System.nanoTime() > deadline ? "still running after " + limit.toSeconds() + " s" : stalled.get();
            if (why != null) {
                String dump = dumpAllThreads();
                System.err.println("WATCHDOG: " + name + " stalled: " + why + "\n" + dump);
                throw new AssertionError(name + " stalled: " + why + " (thread dump on stderr)\n" + dump);
            }
        }
        if (error[0] != null) {
            throw error[0];
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** @return every live thread's state, locks and whole stack, and the deadlocked ones named first */
    public static String dumpAllThreads() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        StringBuilder sb = new StringBuilder();
        long[] deadlocked = mx.findDeadlockedThreads();
        if (deadlocked != null) {
            sb.append("DEADLOCKED threads: ").append(java.util.Arrays.toString(deadlocked)).append('\n');
        }
        for (ThreadInfo info : mx.dumpAllThreads(true, true)) {
            sb.append('"').append(info.getThreadName()).append("\" id=").append(info.getThreadId()).append(' ')
                    .append(info.getThreadState());
            if (info.getLockName() != null) {
                sb.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                sb.append(" owned by \"").append(info.getLockOwnerName()).append('"');
            }
            sb.append('\n');
            for (StackTraceElement e : info.getStackTrace()) {
                sb.append("    at ").append(e).append('\n');
            }
            for (LockInfo l : info.getLockedSynchronizers()) {
                sb.append("    holds ").append(l).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * A stall test for {@link #run}: no progress for a while.
     *
     * @param progress a counter the scenario moves
     * @param quiet how long it may stand still
     * @return the check
     */
    public static Supplier<String> noProgressFor(java.util.function.LongSupplier progress, Duration quiet) {
        long[] last = {progress.getAsLong(), System.nanoTime()};
        return () -> {
            long now = progress.getAsLong();
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
                return null;
            }
            long still = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - last[1]);
            return still >= quiet.toSeconds() ? "no progress for " + still + " s" : null;
        };
    }
}
