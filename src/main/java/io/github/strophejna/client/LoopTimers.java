package io.github.strophejna.client;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The timers of one event loop, by deadline. Loop thread, but for {@link Timer#cancel()}. */
final class LoopTimers {

    private static final Logger LOG = LoggerFactory.getLogger(LoopTimers.class);
    /** Longest delay: "never" in practice, and far enough from overflow that deadlines still compare. */
    private static final long MAX_DELAY_MILLIS = TimeUnit.DAYS.toMillis(365);

    /** A timer; cancelling it from another thread is handed to the loop. */
    static final class Timer implements Comparable<Timer> {
        final long deadline;
        final Runnable task;
        private final Consumer<Runnable> onLoop;
        boolean cancelled;

        private Timer(long deadline, Runnable task, Consumer<Runnable> onLoop) {
            this.deadline = deadline;
            this.task = task;
            this.onLoop = onLoop;
        }

        /** Cancels it; any thread. */
        void cancel() {
            onLoop.accept(() -> cancelled = true);
        }

        @Override
        public int compareTo(Timer o) {
            return Long.compare(deadline - o.deadline, 0); // nanoTime values compare by difference only
        }
    }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private final String loopName;
    /** Runs a task on the loop thread: inline there, queued from elsewhere. */
    private final Consumer<Runnable> onLoop;

    LoopTimers(String loopName, Consumer<Runnable> onLoop) {
        this.loopName = loopName;
        this.onLoop = onLoop;
    }

    /** Runs a task after a delay (at most a year). */
    Timer schedule(long delayMillis, Runnable task) {
        // an overflowing deadline would sort before every other timer and hold them all back
        long delay = Math.min(Math.max(0, delayMillis), MAX_DELAY_MILLIS);
        Timer t = new Timer(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay), task, onLoop);
        queue.add(t);
        return t;
    }

    /** Runs the timers that are due; one that throws is logged and the others still run. */
    void runDue() {
        long now = System.nanoTime();
        while (!queue.isEmpty() && queue.peek().deadline - now <= 0) {
            Timer t = queue.poll();
            if (!t.cancelled) {
                try {
                    t.task.run();
                } catch (Throwable e) {
                    LOG.error("a timer on the event loop {} failed", loopName, e);
                }
            }
        }
    }

    /** @return milliseconds until the next timer (rounded up), or Long.MAX_VALUE when there is none */
    long millisToNext() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
        return queue.isEmpty() ? Long.MAX_VALUE : TimeUnit.NANOSECONDS.toMillis(queue.peek().deadline - System.nanoTime()) + 1;
    }
}
