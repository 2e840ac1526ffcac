package io.github.strophejna.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocking on the client's futures with the client's exceptions, for scripts and one-shot helpers: the
 * cause comes out as thrown (an {@link XmppException} subclass), not wrapped in an ExecutionException.
 * Never call it on a client's loop thread (it would wait for itself).
 */
public final class Await {

    private Await() {
    }

    /**
     * Waits for a future until a deadline.
     *
     * @param <T> its value type
     * @param future the future
     * @param deadlineNanos a {@link System#nanoTime()} deadline
     * @param what what is awaited, for the timeout's message
     * @return its value
     * @throws XmppTimeoutException when the deadline passes first
     * @throws XmppException (or another RuntimeException) as the future failed
     * @throws InterruptedException when interrupted
     */
    public static <T> T until(CompletableFuture<T> future, long deadlineNanos, String what) throws InterruptedException {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new XmppException(String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new XmppTimeoutException("timed out waiting for " + what);
        }
    }
}
