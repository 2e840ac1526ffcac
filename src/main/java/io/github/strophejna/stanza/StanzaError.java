package io.github.strophejna.stanza;

import java.util.Locale;
import java.util.Objects;

/**
 * A stanza error (RFC 6120 §8.3): its type, its defined condition (e.g. {@code item-not-found}) and an
 * optional text.
 *
 * @param type the error type
 * @param condition the condition element's name, e.g. "service-unavailable"
 * @param text human-readable text, or null
 */
public record StanzaError(Type type, String condition, String text) {

    /** The stanza-error namespace. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-stanzas";

    /** What the sender should do about it. */
    public enum Type {
        /** Retry after providing credentials. */
        AUTH,
        /** Do not retry. */
        CANCEL,
        /** Proceed; the condition was only a warning. */
        CONTINUE,
        /** Retry after changing the data sent. */
        MODIFY,
        /** Retry after waiting. */
        WAIT;

        /** @return the wire value */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @param type the type; @param condition the condition; @param text text or null */
    public StanzaError {
        Objects.requireNonNull(type, "type");
        XmlChars.requireName(condition, "error condition", false);
    }

    /**
     * Reads the {@code <error/>} child of a stanza.
     *
     * @param stanza a stanza of type "error"
     * @return its error, or null when it has none
     */
    public static StanzaError of(Stanza stanza) {
        Stanza e = stanza.child("error");
        if (e == null) {
            return null;
        }
        Type type;
        try {
            type = Type.valueOf(String.valueOf(e.attribute("type")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            type = Type.CANCEL;
        }
        String condition = "undefined-condition";
        String text = null;
        for (Stanza c : e.elements()) {
            if (!NAMESPACE.equals(c.namespace())) {
                continue;
            }
            if (c.name().equals("text")) {
                text = c.text();
            } else {
                condition = c.name();
            }
        }
        return new StanzaError(type, condition, text);
    }

    /** @return the {@code <error/>} element */
    public Stanza toStanza() {
        Stanza.Builder b = Stanza.builder("error").attribute("type", type.value())
                .child(Stanza.builder(condition).namespace(NAMESPACE).build());
        if (text != null) {
            b.child(Stanza.builder("text").namespace(NAMESPACE).text(text).build());
        }
        return b.build();
    }

    @Override
    public String toString() {
        return type.value() + "/" + condition + (text == null ? "" : " (" + text + ")");
    }
}
