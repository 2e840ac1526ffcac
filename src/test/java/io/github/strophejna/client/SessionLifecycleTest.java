package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session's state machine and reconnect decision, without a server. */
class SessionLifecycleTest {

    private final List<ConnectionState.StateChange> reported = new ArrayList<>();
    private final SessionLifecycle lifecycle = new SessionLifecycle((s, c) -> reported.add(new ConnectionState.StateChange(s, c)));
    private static final ReconnectPolicy RETRY = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(100), 1, 0, 3);

    private void connectAndBeReady() {
        lifecycle.connectRequested(false);
        lifecycle.attemptStarted();
        assertTrue(lifecycle.connectSignal());
        lifecycle.ready(false);
    }

    @Test
    void aSessionGoesThroughConnectingToConnectedAndReportsEachChangeOnce() {
        connectAndBeReady();
        assertEquals(SessionLifecycle.Phase.READY, lifecycle.phase());
        assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CONNECTED), reported.stream().map(ConnectionState.StateChange::state).toList());
        assertEquals(ConnectionState.CONNECTED, lifecycle.state());
    }

    @Test
    void aRepeatedConnectSignalIsRecognised() {
        lifecycle.connectRequested(false);
        lifecycle.attemptStarted();
        assertTrue(lifecycle.connectSignal());
        assertFalse(lifecycle.connectSignal(), "0.13.0's second CONNECT");
        lifecycle.attemptStarted();
        assertTrue(lifecycle.connectSignal(), "a new attempt signals afresh");
    }

    @Test
    void connectingTwiceOrAfterReleaseIsRefused() {
        connectAndBeReady();
        assertEquals("already connected", assertThrows(IllegalStateException.class, () -> lifecycle.connectRequested(false)).getMessage());
        lifecycle.release();
        assertEquals("closed", assertThrows(IllegalStateException.class, () -> lifecycle.connectRequested(false)).getMessage());
    }

    @Test
    void aLostSessionReconnectsPerPolicyAndGivesUpAfterItsAttempts() {
        connectAndBeReady();
        Throwable lost = new ConnectionException("connection reset");
        assertEquals(100, lifecycle.closed(lost, RETRY));
        assertSame(lost, reported.get(reported.size() - 1).cause());
        assertTrue(lifecycle.reconnectDue());
        assertTrue(lifecycle.reconnecting());
        for (int i = 0; i < 2; i++) {
            lifecycle.attemptStarted();
            assertEquals(100, lifecycle.closed(lost, RETRY));
            assertTrue(lifecycle.reconnectDue());
        }
        lifecycle.attemptStarted();
        assertEquals(SessionLifecycle.GAVE_UP, lifecycle.closed(lost, RETRY), "three attempts made: give up");
    }

    @Test
    void aReadySessionResetsTheAttemptCount() {
        connectAndBeReady();
        lifecycle.closed(new ConnectionException("x"), RETRY);
        lifecycle.reconnectDue();
        lifecycle.attemptStarted();
        lifecycle.connectSignal();
        lifecycle.ready(true);
        assertEquals(ConnectionState.RESUMED, lifecycle.state());
        assertEquals(0, lifecycle.reconnectAttempts());
    }

    @Test
    void aWrongPasswordIsNeverRetried() {
        connectAndBeReady();
        assertEquals(SessionLifecycle.NO_RECONNECT, lifecycle.closed(new AuthenticationException("not-authorized", "refused"), RETRY));
    }

    @Test
    void aFirstAttemptThatFailsIsNotRetriedNorIsAnAskedDisconnect() {
        lifecycle.connectRequested(false);
        lifecycle.attemptStarted();
        assertEquals(SessionLifecycle.NO_RECONNECT, lifecycle.closed(new ConnectionException("refused"), RETRY), "never connected: the caller sees the failure");
        connectAndBeReady();
        lifecycle.disconnectAsked();
        lifecycle.closing();
        assertTrue(lifecycle.busy());
        assertEquals(SessionLifecycle.NO_RECONNECT, lifecycle.closed(new ConnectionException("x"), RETRY));
        assertNull(reported.get(reported.size() - 1).cause(), "an asked-for disconnect reports no cause");
        assertFalse(lifecycle.reconnectDue());
    }

    @Test
    void theCloseReportedByReleasingKeepsItReleased() {
        connectAndBeReady();
        lifecycle.release();
        assertEquals(SessionLifecycle.NO_RECONNECT, lifecycle.closed(null, RETRY));
        assertTrue(lifecycle.released());
        assertEquals(ConnectionState.DISCONNECTED, lifecycle.state());
    }
}
