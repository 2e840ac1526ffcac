package io.github.strophejna.testing;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Stanza;
import java.util.concurrent.TimeUnit;

/**
 * A barrier made of one XEP-0199 ping to the client's own server, for tests that must know a stream has
 * caught up rather than guess it with a sleep. The server handles one session's stanzas in order and
 * answers in order; the client handles what it receives in order on its loop thread and completes the
 * ping's future there. So once {@link #await} returns:
 * <ul>
 * <li>the server has processed everything this client sent before the ping;</li>
 * <li>everything the server sent to this client before the answer has been received, and its handlers
 * have run (when they run on the loop thread, the default; not with a handler executor).</li>
 * </ul>
 * An absence ("no duplicate came") is then checked after a barrier, not after a pause.
 */
public final class RoundTrip {

    private RoundTrip() {
    }

    /**
     * Pings the server and waits up to 10 seconds for the answer.
     *
     * @param client a connected client
     * @throws Exception when the answer does not come (the failure says so)
     */
    public static void await(XmppClient client) throws Exception {
        try {
            client.sendIq(Iq.get(null, Stanza.builder("ping").namespace("urn:xmpp:ping").build())).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within 10 s to a ping of " + client.jid() + ": the stream never caught up", e);
        }
    }
}
