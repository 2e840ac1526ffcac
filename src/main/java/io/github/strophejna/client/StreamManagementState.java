package io.github.strophejna.client;

import io.github.strophejna.jna.StropheNewer;
import io.github.strophejna.jna.XmppSmState;

/**
 * A Stream Management session (XEP-0198) taken from a client whose connection was lost
 * ({@link XmppClient#detachStreamManagement()}), to be resumed by another client object on the same
 * {@link XmppContext} ({@link XmppClient.Builder#resume}): the server's hibernating session, its unacknowledged
 * stanzas and libstrophe's counters move over, with the libstrophe context they belong to. Owned by whoever
 * holds it until a client takes it; {@link #close()} frees it otherwise. Thread-safe.
 */
public final class StreamManagementState implements AutoCloseable {

    /**
     * What a resuming client takes: libstrophe's state, the context it belongs to, and the stanzas the session
     * had handled as the client counted them (for its final acknowledgement).
     */
    record Taken(NativeContext context, XmppSmState state, long handled) {}

    private final XmppContext owner;
    private Taken taken;

    StreamManagementState(XmppContext owner, NativeContext context, XmppSmState state, long handled) {
        this.owner = owner;
        this.taken = new Taken(context, state, handled);
    }

    /**
     * Takes libstrophe's SM state from a connection whose session was lost (libstrophe allows it only while
     * disconnected), with the libstrophe context it belongs to; the connection moves to a fresh context.
     */
    static StreamManagementState detach(ClientConnection connection, XmppContext owner) {
        LibraryFeatures.require(LibraryFeatures.STREAM_MANAGEMENT, "moving a Stream Management session", "xmpp_conn_get_sm_state");
        if (!connection.lifecycle().is(SessionLifecycle.Phase.IDLE)) {
            throw new IllegalStateException("the Stream Management state can be taken only while disconnected");
        }
        if (!connection.sm().enabled()) {
            throw new IllegalStateException("no resumable Stream Management session (none was enabled, or it was closed cleanly)");
        }
        NativeConnection nativeConnection = connection.nativeConnection();
        XmppSmState st = nativeConnection.takeSmState();
        if (st == null) {
            throw new IllegalStateException("libstrophe has no Stream Management state for this connection");
        }
        long handled = connection.sm().handled();
        connection.sm().ended();
        NativeContext itsContext = nativeConnection.holdContext();
        nativeConnection.moveTo(owner.newNativeContext(connection.config().libstropheLogLevel()));
        return new StreamManagementState(owner, itsContext, st, handled);
    }

    XmppContext context() {
        return owner;
    }

    /** @return the state and its context, handed over exactly once; null when already taken or freed */
    synchronized Taken take() {
        Taken t = taken;
        taken = null;
        return t;
    }

    /** Frees the state unless a client took it. Idempotent. */
    @Override
    public void close() {
        Taken t = take();
        if (t != null) {
            owner.loop().call(() -> {
                StropheNewer.xmpp_free_sm_state(t.state());
                t.context().letGo();
                return null;
            }).join();
        }
    }
}
