package io.github.strophejna.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting in tests for something another thread does: polls a condition until it holds or time runs out. The
 * one place in the tests that sleeps, and only between two looks at the condition.
 */
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
        await(condition, timeout, () -> what);
    }

    /**
     * Waits up to 10 seconds; the failure message is built when time runs out.
     *
     * @param condition what must become true
     * @param what what is awaited and what was seen instead, asked for only on failure
     * @throws AssertionError when it does not happen in time
     */
    public static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        await(condition, Duration.ofSeconds(10), what);
    }

    /**
     * Waits up to a timeout; the failure message is built when time runs out, so it shows the state then,
     * not at the call.
     *
     * @param condition what must become true
     * @param timeout how long at most
     * @param what what is awaited and what was seen instead, asked for only on failure
     * @throws AssertionError when it does not happen in time
     */
    public static void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) throws InterruptedException {
        if (!within(condition, timeout)) {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what.get());
        }
    }

    /**
     * Waits up to a timeout without failing, for callers that handle the timeout themselves (starting a
     * server: another attempt on other ports).
     *
     * @param condition what must become true
     * @param timeout how long at most
     * @return whether it became true in time
     */
    public static boolean within(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
