package io.github.strophejna.xep.chatstates;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Chat State Notifications (XEP-0085) for one client: typing indicators and friends. Sends standalone
 * states; {@link State#from(Message)} reads the state a message carries; {@link #respond()} announces
 * support, so peers send states. One instance per client ({@link #of}); thread-safe.
 */
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

    private final XmppClient client;

    private ChatStates(XmppClient client) {
        this.client = client;
    }

    /**
     * The client's chat-state helper, made on first use. Getting it announces nothing: see {@link #respond()}.
     *
     * @param client the client
     * @return its helper (the same one on every call)
     */
    public static ChatStates of(XmppClient client) {
        return Objects.requireNonNull(client, "client").extension(ChatStates.class, ChatStates::new);
    }

    /**
     * Announces support through {@link ServiceDiscovery} (which then answers disco queries too), so peers
     * send chat states. Idempotent; any thread.
     *
     * @return this helper
     * @throws IllegalStateException when another handler already answers Service Discovery's namespaces
     */
    public ChatStates respond() {
        ServiceDiscovery.of(client).respond().addFeature(NAMESPACE);
        return this;
    }

    /**
     * Sends a standalone chat state.
     *
     * @param to the peer
     * @param state the state
     * @return completes when sent
     */
    public CompletableFuture<Void> send(Jid to, State state) {
        Objects.requireNonNull(to, "to");
        return client.send(Message.builder().to(to).extension(Objects.requireNonNull(state, "state").element()).build());
    }
}
