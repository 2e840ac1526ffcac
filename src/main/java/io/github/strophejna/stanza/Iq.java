package io.github.strophejna.stanza;

import java.util.Locale;
import java.util.Objects;

/**
 * An {@code <iq/>} stanza (RFC 6120 §8.2.3): a request ({@link Type#GET}, {@link Type#SET}) with one payload
 * element, or its answer ({@link Type#RESULT}, {@link Type#ERROR}). Immutable and thread-safe.
 */
public final class Iq extends StanzaView {

    /** The IQ type. */
    public enum Type {
        /** Asks for data. */
        GET,
        /** Provides data or asks for a change. */
        SET,
        /** A successful answer. */
        RESULT,
        /** A failed answer. */
        ERROR;

        /** @return the wire value */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Iq(Stanza stanza) {
        super(stanza, "iq");
    }

    /**
     * @param stanza an {@code <iq/>} element
     * @return the view
     * @throws IllegalArgumentException when it is another element or has no valid type
     */
    public static Iq of(Stanza stanza) {
        Iq iq = new Iq(stanza);
        iq.type(); // validates
        return iq;
    }

    /**
     * @param type the request type
     * @return a builder with a fresh random id
     */
    public static Builder builder(Type type) {
        return new Builder(type);
    }

    /**
     * A {@code get} request.
     *
     * @param to the entity asked, or null for one's own account/server
     * @param payload the query element
     * @return the request
     */
    public static Iq get(Jid to, Stanza payload) {
        return builder(Type.GET).to(to).payload(payload).build();
    }

    /**
     * A {@code set} request.
     *
     * @param to the entity asked, or null for one's own account/server
     * @param payload the element to set
     * @return the request
     */
    public static Iq set(Jid to, Stanza payload) {
        return builder(Type.SET).to(to).payload(payload).build();
    }

    /** @return the type */
    public Type type() {
        String t = stanza().type();
        try {
            return Type.valueOf(String.valueOf(t).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("iq with invalid type '" + t + "'");
        }
    }

    /** @return the payload: the first child element that is not {@code <error/>}, or null */
    public Stanza payload() {
        for (Stanza c : stanza().elements()) {
            if (!c.name().equals("error")) {
                return c;
            }
        }
        return null;
    }

    /** @return whether this is a request (get or set) */
    public boolean isRequest() {
        Type t = type();
        return t == Type.GET || t == Type.SET;
    }

    /**
     * The successful answer to this request.
     *
     * @param payload the answer's payload, or null for an empty result
     * @return the result, addressed back to the sender with the same id
     */
    public Iq result(Stanza payload) {
        Builder b = new Builder(Type.RESULT).id(id());
        if (stanza().from() != null) {
            b.to(stanza().from());
        }
        return b.payload(payload).build();
    }

    /**
     * The error answer to this request.
     *
     * @param error what went wrong
     * @return the error, addressed back to the sender with the same id
     */
    public Iq error(StanzaError error) {
        Builder b = new Builder(Type.ERROR).id(id());
        if (stanza().from() != null) {
            b.to(stanza().from());
        }
        Stanza p = payload();
        if (p != null) {
            b.payload(p); // RFC 6120 allows echoing the request's payload
        }
        return b.extension(error.toStanza()).build();
    }

    /** Builds an {@link Iq}. Default: a random id. */
    public static final class Builder extends StanzaBuilder<Builder, Iq> {

        Builder(Type type) {
            super("iq");
            element.attribute("type", Objects.requireNonNull(type, "type").value());
            id(newId());
        }

        /**
         * @param payload the payload element, or null for none
         * @return this builder
         */
        public Builder payload(Stanza payload) {
            if (payload != null) {
                element.child(payload);
            }
            return this;
        }

        @Override
        public Iq build() {
            return new Iq(element.build());
        }
    }
}
