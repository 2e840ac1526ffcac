package io.github.strophejna.client;

/** Where a client's connection is; listeners get a {@link StateChange} for each move. */
public enum ConnectionState {
    /** Connecting, negotiating TLS, authenticating, binding. */
    CONNECTING,
    /** The session is ready. */
    CONNECTED,
    /** The session is ready again after a reconnect that resumed it (XEP-0198). */
    RESUMED,
    /** Not connected; {@link StateChange#cause()} says why when it was not asked for. */
    DISCONNECTED;

    /**
     * One move of the connection state.
     *
     * @param state the new state
     * @param cause why it was lost, or null when asked for (or not a loss)
     */
    public record StateChange(ConnectionState state, Throwable cause) {
    }
}
