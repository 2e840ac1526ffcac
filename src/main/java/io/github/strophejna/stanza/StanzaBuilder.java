package io.github.strophejna.stanza;

import java.util.Objects;

/**
 * What the {@link Message}, {@link Presence} and {@link Iq} builders share: addressing, id, language,
 * extra attributes and extension elements. Not thread-safe.
 *
 * @param <B> the concrete builder
 * @param <T> what it builds
 */
public abstract class StanzaBuilder<B extends StanzaBuilder<B, T>, T> {

    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    /** The element being built. */
    protected final Stanza.Builder element;

    /** @param name the stanza's element name */
    protected StanzaBuilder(String name) {
        this.element = Stanza.builder(name);
    }

    /** @return this, typed */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** @return a new random stanza id (16 characters) */
    public static String newId() {
        char[] id = new char[16];
        StanzaIds.fill(id, ID_CHARS);
        return new String(id);
    }

    /** @param to the recipient, or null @return this builder */
    public B to(Jid to) {
        element.attribute("to", to == null ? null : to.toString());
        return self();
    }

    /**
     * @param to the recipient's JID, validated, or null
     * @return this builder
     * @throws InvalidJidException when it is not a JID
     */
    public B to(String to) {
        return to(to == null ? null : Jid.parse(to));
    }

    /** @param from the sender (servers set it; rarely needed), or null @return this builder */
    public B from(Jid from) {
        element.attribute("from", from == null ? null : from.toString());
        return self();
    }

    /** @param id the stanza id, or null @return this builder */
    public B id(String id) {
        element.attribute("id", id);
        return self();
    }

    /** @param lang the {@code xml:lang}, or null @return this builder */
    public B lang(String lang) {
        element.attribute("xml:lang", lang);
        return self();
    }

    /**
     * Any other attribute (the 4D plugin's custom attributes).
     *
     * @param name its qualified name
     * @param value its value, or null to remove it
     * @return this builder
     */
    public B attribute(String name, String value) {
        element.attribute(name, value);
        return self();
    }

    /** @param extension an extension element (with its own namespace) to append @return this builder */
    public B extension(Stanza extension) {
        element.child(Objects.requireNonNull(extension, "extension"));
        return self();
    }

    /** @return the stanza */
    public abstract T build();
}
