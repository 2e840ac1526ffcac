package io.github.strophejna.client;

import io.github.strophejna.jna.StropheNewer;
import io.github.strophejna.jna.XmppSmState;

/**
 * A Stream Management session (XEP-0198) taken from a client whose connection was lost
 * ({@link XmppClient#detachStreamManagement()}), to be resumed by another client object on the same
 * {@link XmppContext} ({@link XmppClient.Builder#resume}): the server's hibernating session, its unacknowledged
 * stanzas and libstrophe's counters move over. Owned by whoever holds it until a client takes it; {@link #close()}
 * frees it otherwise. Thread-safe.
 */
public final class StreamManagementState implements AutoCloseable {

    private final XmppContext context;
    private XmppSmState state;

    StreamManagementState(XmppContext context, XmppSmState state) {
        this.context = context;
        this.state = state;
    }

    XmppContext context() {
        return context;
    }

    /** @return the native state, handed over exactly once; null when already taken or freed */
    synchronized XmppSmState take() {
        XmppSmState s = state;
        state = null;
        return s;
    }

    /** Frees the state unless a client took it. Idempotent. */
    @Override
    public void close() {
        XmppSmState s = take();
        if (s != null) {
            context.loop().call(() -> {
                StropheNewer.xmpp_free_sm_state(s);
                return null;
            }).join();
        }
    }
}
