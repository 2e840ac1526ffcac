package io.github.strophejna.client;

import java.util.function.BooleanSupplier;

/** A repeating task on the loop's timers, first run after one period; stops when cancelled or its owner closes. */
final class PeriodicTask {

    private final EventLoop loop;
    private final long periodMillis;
    private final Runnable task;
    private final BooleanSupplier ownerClosed;
    private volatile boolean cancelled;

    PeriodicTask(EventLoop loop, long periodMillis, Runnable task, BooleanSupplier ownerClosed) {
        this.loop = loop;
        this.periodMillis = periodMillis;
        this.task = task;
        this.ownerClosed = ownerClosed;
    }

    /** Schedules the next run; loop thread. */
    void arm() {
        if (!cancelled && !ownerClosed.getAsBoolean()) {
            loop.schedule(periodMillis, () -> {
                if (!cancelled && !ownerClosed.getAsBoolean()) {
                    task.run();
                    arm();
                }
            });
        }
    }

    /** Any thread. */
    void cancel() {
        cancelled = true;
    }
}
