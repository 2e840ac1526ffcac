package io.github.strophejna.stanza;

import java.util.Locale;
import java.util.Objects;

/**
 * A {@code <message/>} stanza (RFC 6121 §5), read through named fields. Immutable and thread-safe.
 */
public final class Message extends StanzaView {

    /** The message type; a message without one is {@link #NORMAL}. */
    public enum Type {
        /** One-to-one chat. */
        CHAT,
        /** A standalone message (the default). */
        NORMAL,
        /** An alert or notification that expects no reply. */
        HEADLINE,
        /** A message to or from a multi-user chat room. */
        GROUPCHAT,
        /** An error about a message sent earlier. */
        ERROR;

        /** @return the wire value */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type of(String value) {
            if (value == null) {
                return NORMAL;
            }
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return NORMAL; // RFC 6121: treat an unknown type as normal
            }
        }
    }

    private Message(Stanza stanza) {
        super(stanza, "message");
    }

    /**
     * @param stanza a {@code <message/>} element
     * @return the view
     * @throws IllegalArgumentException when it is another element
     */
    public static Message of(Stanza stanza) {
        return new Message(stanza);
    }

    /** @return a builder with a fresh random id and type {@link Type#CHAT} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the type */
    public Type type() {
        return Type.of(stanza().type());
    }

    /** @return the body text, or null */
    public String body() {
        return stanza().childText("body");
    }

    /** @return the subject, or null */
    public String subject() {
        return stanza().childText("subject");
    }

    /** @return the thread id, or null */
    public String thread() {
        return stanza().childText("thread");
    }

    /**
     * @param name an extension element's name, or null for any
     * @param namespace its namespace
     * @return the first such child, or null
     */
    public Stanza extension(String name, String namespace) {
        return stanza().child(name, namespace);
    }

    /** Builds a {@link Message}. Defaults: a random id, type chat. */
    public static final class Builder extends StanzaBuilder<Builder, Message> {

        Builder() {
            super("message");
            id(newId());
            type(Type.CHAT);
        }

        /** @param type the type @return this builder */
        public Builder type(Type type) {
            element.attribute("type", type == Type.NORMAL ? null : Objects.requireNonNull(type, "type").value());
            return this;
        }

        /** @param body the body text @return this builder */
        public Builder body(String body) {
            element.removeChildren("body", null).textChild("body", body);
            return this;
        }

        /** @param subject the subject @return this builder */
        public Builder subject(String subject) {
            element.removeChildren("subject", null).textChild("subject", subject);
            return this;
        }

        /** @param thread the thread id @return this builder */
        public Builder thread(String thread) {
            element.removeChildren("thread", null).textChild("thread", thread);
            return this;
        }

        @Override
        public Message build() {
            return new Message(element.build());
        }
    }
}
