package io.github.strophejna.stanza;

import java.util.Locale;
import java.util.Objects;

/** A {@code <presence/>} stanza (RFC 6121 §4), read through named fields. Immutable and thread-safe. */
public final class Presence extends StanzaView {

    /** The presence type; one without a type attribute is {@link #AVAILABLE}. */
    public enum Type {
        /** Online (no type attribute on the wire). */
        AVAILABLE,
        /** Offline. */
        UNAVAILABLE,
        /** A subscription request. */
        SUBSCRIBE,
        /** A subscription request approved. */
        SUBSCRIBED,
        /** Cancelling one's own subscription. */
        UNSUBSCRIBE,
        /** A subscription denied or revoked. */
        UNSUBSCRIBED,
        /** A request for the current presence (servers send these). */
        PROBE,
        /** An error about a presence sent earlier. */
        ERROR;

        /** @return the wire value, null for AVAILABLE */
        public String value() {
            return this == AVAILABLE ? null : name().toLowerCase(Locale.ROOT);
        }
    }

    /** Availability detail of an available presence. */
    public enum Show {
        /** Eager to chat. */
        CHAT,
        /** Away for a short while. */
        AWAY,
        /** Away for a long while. */
        XA,
        /** Do not disturb. */
        DND;

        /** @return the wire value */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Presence(Stanza stanza) {
        super(stanza, "presence");
    }

    /**
     * @param stanza a {@code <presence/>} element
     * @return the view
     * @throws IllegalArgumentException when it is another element
     */
    public static Presence of(Stanza stanza) {
        return new Presence(stanza);
    }

    /** @return a builder for an available presence with no id */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the type */
    public Type type() {
        String t = stanza().type();
        if (t == null) {
            return Type.AVAILABLE;
        }
        try {
            return Type.valueOf(t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Type.ERROR;
        }
    }

    /** @return the show value, or null (plain available) */
    public Show show() {
        String s = stanza().childText("show");
        if (s == null) {
            return null;
        }
        try {
            return Show.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @return the status text, or null */
    public String status() {
        return stanza().childText("status");
    }

    /** @return the priority, 0 when absent or not a number */
    public int priority() {
        String p = stanza().childText("priority");
        try {
            return p == null ? 0 : Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Builds a {@link Presence}. Default: available, no id. */
    public static final class Builder extends StanzaBuilder<Builder, Presence> {

        Builder() {
            super("presence");
        }

        /** @param type the type @return this builder */
        public Builder type(Type type) {
            element.attribute("type", Objects.requireNonNull(type, "type").value());
            return this;
        }

        /** @param show the show value, or null for plain available @return this builder */
        public Builder show(Show show) {
            element.removeChildren("show", null);
            if (show != null) {
                element.textChild("show", show.value());
            }
            return this;
        }

        /** @param status the status text @return this builder */
        public Builder status(String status) {
            element.removeChildren("status", null).textChild("status", status);
            return this;
        }

        /**
         * @param priority from -128 to 127
         * @return this builder
         */
        public Builder priority(int priority) {
            if (priority < -128 || priority > 127) {
                throw new IllegalArgumentException("priority must be -128..127, not " + priority);
            }
            element.removeChildren("priority", null).textChild("priority", Integer.toString(priority));
            return this;
        }

        @Override
        public Presence build() {
            return new Presence(element.build());
        }
    }
}
