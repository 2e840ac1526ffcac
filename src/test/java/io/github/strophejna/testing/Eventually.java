package io.github.strophejna.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests for something another thread does: polls a condition until it holds or time runs out. */
public final class Eventually {

    private Eventually() {
    }

    /**
     * Waits up to 10 seconds.
     *
     * @param condition what must become true
     * @param what what is awaited, for the failure message
     * @throws AssertionError when it does not happen in time
     */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, Duration.ofSeconds(10), what);
    }

    /**
     * Waits up to a timeout.
     *
     * @param condition what must become true
     * @param timeout how long at most
     * @param what what is awaited, for the failure message
     * @throws AssertionError when it does not happen in time
     */
    public static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
