package io.github.strophejna.client;

import java.util.function.BiConsumer;

/**
 * The one state machine of a client's session, with the reconnect decision:
 *
 * <pre>
 *   IDLE --connect--> CONNECTING --ready--> READY --disconnect--> DISCONNECTING
 *     ^                   |                   |                        |
 *     +----- closed ------+------ closed -----+-------- closed --------+     (any) --release--> RELEASED
 * </pre>
 *
 * The public {@link ConnectionState} follows from it and is reported on every change. Pure Java: it decides,
 * the caller acts. Loop thread (the state itself may be read from any).
 */
final class SessionLifecycle {

    enum Phase { IDLE, CONNECTING, READY, DISCONNECTING, RELEASED }

    /** {@link #closed}: no reconnect (asked for, never connected, policy off, or a refused password). */
    static final long NO_RECONNECT = -1;
    /** {@link #closed}: the policy's attempts are used up. */
    static final long GAVE_UP = -2;

    private final BiConsumer<ConnectionState, Throwable> stateListener;
    private Phase phase = Phase.IDLE;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    /** Counts attempts, so a timer of an earlier attempt knows it is stale. */
    private int attempt;
    private boolean disconnectRequested;
    private boolean reconnecting;
    private boolean connectSignalled;
    private boolean readyThisAttempt;
    private boolean everReady;
    private int reconnectAttempt;

    /** @param stateListener told each public state change, with its cause (null when none or asked for) */
    SessionLifecycle(BiConsumer<ConnectionState, Throwable> stateListener) {
        this.stateListener = stateListener;
    }

    Phase phase() {
        return phase;
    }

    ConnectionState state() {
        return state;
    }

    int attempt() {
        return attempt;
    }

    boolean is(Phase p) {
        return phase == p;
    }

    /** @return connecting or closing: libstrophe checks a timeout of its own then */
    boolean busy() {
        return phase == Phase.CONNECTING || phase == Phase.DISCONNECTING;
    }

    boolean released() {
        return phase == Phase.RELEASED;
    }

    boolean disconnectRequested() {
        return disconnectRequested;
    }

    /** @return this attempt follows a session of ours (a reconnect, or a restored SM state): resume if possible */
    boolean reconnecting() {
        return reconnecting;
    }

    /** @return the session of this attempt was ready once (its stream was negotiated) */
    boolean readyThisAttempt() {
        return readyThisAttempt;
    }

    /**
     * The application asked to connect.
     *
     * @param resuming a restored SM state waits to be resumed
     * @throws IllegalStateException when released, or not idle
     */
    void connectRequested(boolean resuming) {
        if (phase == Phase.RELEASED) {
            throw new IllegalStateException("closed");
        }
        if (phase != Phase.IDLE) {
            throw new IllegalStateException("already " + state.name().toLowerCase());
        }
        disconnectRequested = false;
        reconnecting = resuming;
    }

    /** The reconnect timer fired: a new attempt after a lost session. @return false when it should not start */
    boolean reconnectDue() {
        if (phase != Phase.IDLE || disconnectRequested) {
            return false;
        }
        reconnecting = true;
        return true;
    }

    /** An attempt starts now. */
    void attemptStarted() {
        attempt++;
        connectSignalled = false;
        readyThisAttempt = false;
        phase = Phase.CONNECTING;
        report(ConnectionState.CONNECTING, null);
    }

    /** libstrophe refused to start the attempt. */
    void attemptRefused(Throwable cause) {
        phase = Phase.IDLE;
        report(ConnectionState.DISCONNECTED, cause);
    }

    /** @return true for the first CONNECT signal of this attempt; false for a repeat (0.13.0 sends two) */
    boolean connectSignal() {
        if (connectSignalled) {
            return false;
        }
        connectSignalled = true;
        return true;
    }

    /** The session is ready. */
    void ready(boolean resumed) {
        phase = Phase.READY;
        readyThisAttempt = true;
        everReady = true;
        reconnectAttempt = 0;
        report(resumed ? ConnectionState.RESUMED : ConnectionState.CONNECTED, null);
    }

    /** The application asked to disconnect: no reconnect follows. */
    void disconnectAsked() {
        disconnectRequested = true;
    }

    /** We are closing the stream (asked, timed out, or ended by the server). */
    void closing() {
        phase = Phase.DISCONNECTING;
    }

    /**
     * libstrophe reported the connection closed.
     *
     * @param cause why, or null for a clean close
     * @param policy the reconnect policy
     * @return the delay before reconnecting, or {@link #NO_RECONNECT}, or {@link #GAVE_UP}
     */
    long closed(Throwable cause, ReconnectPolicy policy) {
        if (phase != Phase.RELEASED) { // releasing the native connection reports its close too
            phase = Phase.IDLE;
        }
        report(ConnectionState.DISCONNECTED, disconnectRequested ? null : cause);
        if (disconnectRequested || phase == Phase.RELEASED || !everReady || !policy.enabled() || cause instanceof AuthenticationException) {
            return NO_RECONNECT; // never reconnect with a password the server refused: servers lock accounts for that
        }
        if (policy.maxAttempts() > 0 && reconnectAttempt >= policy.maxAttempts()) {
            return GAVE_UP;
        }
        return policy.delayMillis(reconnectAttempt++);
    }

    /** @return reconnect attempts made since the last ready session */
    int reconnectAttempts() {
        return reconnectAttempt;
    }

    /** The client is closed for good. */
    void release() {
        disconnectRequested = true;
        phase = Phase.RELEASED;
    }

    private void report(ConnectionState s, Throwable cause) {
        if (state == s && cause == null) {
            return;
        }
        state = s;
        stateListener.accept(s, cause);
    }
}
