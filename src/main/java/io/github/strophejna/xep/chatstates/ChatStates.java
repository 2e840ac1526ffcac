package io.github.strophejna.xep.chatstates;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Chat State Notifications (XEP-0085): typing indicators and friends. */
public final class ChatStates {

    /** The namespace. */
    public static final String NAMESPACE = "http://jabber.org/protocol/chatstates";

    /** A chat state. */
    public enum State {
        /** Paying attention. */
        ACTIVE,
        /** Typing. */
        COMPOSING,
        /** Stopped typing. */
        PAUSED,
        /** Not paying attention. */
        INACTIVE,
        /** Left the conversation. */
        GONE;

        /** @return its element, to add to a message with {@code Message.Builder.extension(...)} */
        public Stanza element() {
            return Stanza.builder(elementName()).namespace(NAMESPACE).build();
        }

        /** @param message a message @return the chat state it carries, or null */
        public static State from(Message message) {
            Objects.requireNonNull(message, "message");
            for (State s : values()) {
                if (message.extension(s.elementName(), NAMESPACE) != null) {
                    return s;
                }
            }
            return null;
        }

        private String elementName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ChatStates() {
    }

    /** @param client announces support in Service Discovery */
    public static void enable(XmppClient client) {
        ServiceDiscovery.of(client).addFeature(NAMESPACE);
    }

    /**
     * Sends a standalone chat state.
     *
     * @param client the client
     * @param to the peer
     * @param state the state
     * @return completes when sent
     */
    public static CompletableFuture<Void> send(XmppClient client, Jid to, State state) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(to, "to");
        return client.send(Message.builder().to(to).extension(Objects.requireNonNull(state, "state").element()).build());
    }
}
