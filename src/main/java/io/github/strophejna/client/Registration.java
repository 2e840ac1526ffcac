package io.github.strophejna.client;

/** A registered handler, listener or scheduled task; {@link #close()} removes it. Idempotent, any thread. */
@FunctionalInterface
public interface Registration extends AutoCloseable {

    /** Removes what was registered. */
    @Override
    void close();
}
