package io.github.strophejna.scripting;

import io.github.strophejna.client.Await;
import io.github.strophejna.client.Session;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.client.XmppException;
import io.github.strophejna.client.XmppTimeoutException;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaError;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The 4D plugin's "send message", for scripts: connect, send, wait until the server has everything,
 * disconnect, return. Blocking; call it from any thread except a client's loop thread.
 */
public final class SendAndDisconnect {

    private SendAndDisconnect() {
    }

    /**
     * Sends stanzas in one short session.
     *
     * @param settings the client's settings (it is built, used and closed here)
     * @param timeout the bound of the whole call
     * @param stanzas what to send, in order; each needs an id to be checked for error answers
     * @return the session it used
     * @throws DeliveryException when the server answered some of them with errors
     * @throws XmppException the connect failures ({@link io.github.strophejna.client.AuthenticationException},
     *         {@link io.github.strophejna.client.TlsException}, ...), or {@link XmppTimeoutException}
     * @throws InterruptedException when interrupted while waiting
     */
    public static Session send(XmppClient.Builder settings, Duration timeout, List<Stanza> stanzas)
            throws InterruptedException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(stanzas, "stanzas");
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> ids = new HashSet<>();
        for (Stanza s : stanzas) {
            if (s.id() != null) {
                ids.add(s.id());
            }
        }
        Map<String, StanzaError> errors = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        try (XmppClient client = settings.build()) {
            client.addHandler(s -> "error".equals(s.type()) && s.id() != null && ids.contains(s.id()),
                    s -> errors.put(s.id(), StanzaError.of(s)));
            Session session = Await.until(client.connect(), deadline, "the login");
            for (Stanza s : stanzas) {
                client.send(s);
            }
            // the disconnect barrier: the server's answer to a ping queued behind the stanzas means it has
            // processed them, and any error bounce came before it
            Await.until(client.disconnect(), deadline, "the server to confirm and the disconnect");
            if (!errors.isEmpty()) {
                throw new DeliveryException(errors);
            }
            return session;
        }
    }

}
