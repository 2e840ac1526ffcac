package io.github.strophejna.xep.carbons;

import io.github.strophejna.client.Registration;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Message Carbons (XEP-0280) for one client: copies of the chats one's other resources send and receive,
 * once {@link #enable()} asked the server for them. Carbons are accepted only from one's own bare JID
 * (anything else could be a forgery). One instance per client ({@link #of}); thread-safe.
 */
public final class Carbons {

    /** The namespace. */
    public static final String NAMESPACE = "urn:xmpp:carbons:2";
    private static final String NS_FORWARD = "urn:xmpp:forward:0";

    /** Whether a carbon copies a message another resource received or sent. */
    public enum Direction {
        /** Another resource received it. */
        RECEIVED,
        /** Another resource sent it. */
        SENT
    }

    private final XmppClient client;

    private Carbons(XmppClient client) {
        this.client = client;
    }

    /**
     * The client's carbons helper, made on first use. Getting it asks the server nothing: see {@link #enable()}.
     *
     * @param client the client
     * @return its helper (the same one on every call)
     */
    public static Carbons of(XmppClient client) {
        return Objects.requireNonNull(client, "client").extension(Carbons.class, Carbons::new);
    }

    /**
     * Asks the server to send carbons to this resource (the XEP's {@code <enable/>}; it lasts as long as the
     * session).
     *
     * @return completes when the server agreed; fails like {@link XmppClient#sendIq}
     */
    public CompletableFuture<Void> enable() {
        return client.sendIq(Iq.set(null, Stanza.builder("enable").namespace(NAMESPACE).build())).thenApply(r -> null);
    }

    /**
     * Calls the listener with each carbon copy, unwrapped.
     *
     * @param listener gets the direction and the copied message; runs where the client runs its handlers
     * @return removes it
     */
    public Registration onCarbon(BiConsumer<Direction, Message> listener) {
        Objects.requireNonNull(listener, "listener");
        return client.onMessage(m -> {
            Stanza wrapper = m.extension("received", NAMESPACE);
            Direction d = Direction.RECEIVED;
            if (wrapper == null) {
                wrapper = m.extension("sent", NAMESPACE);
                d = Direction.SENT;
            }
            if (wrapper == null || m.from() == null || !m.from().equals(client.jid().bare())) {
                return;
            }
            Stanza fwd = wrapper.child("forwarded", NS_FORWARD);
            Stanza inner = fwd == null ? null : fwd.child("message");
            if (inner != null) {
                listener.accept(d, Message.of(inner));
            }
        });
    }
}
