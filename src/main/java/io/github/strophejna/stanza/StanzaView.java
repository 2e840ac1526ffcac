package io.github.strophejna.stanza;

import java.util.Objects;

/**
 * What {@link Message}, {@link Presence} and {@link Iq} read the same way: the element underneath, its id,
 * addresses and error. Immutable and thread-safe.
 */
public abstract sealed class StanzaView permits Message, Presence, Iq {

    private final Stanza stanza;

    StanzaView(Stanza stanza, String expectedName) {
        if (!expectedName.equals(Objects.requireNonNull(stanza, "stanza").name())) {
            throw new IllegalArgumentException("not a " + expectedName + ": <" + stanza.name() + ">");
        }
        this.stanza = stanza;
    }

    /** @return the underlying element */
    public final Stanza stanza() {
        return stanza;
    }

    /** @return the id, or null */
    public final String id() {
        return stanza.id();
    }

    /** @return the sender, or null */
    public final Jid from() {
        return stanza.from() == null ? null : Jid.parse(stanza.from());
    }

    /** @return the recipient, or null */
    public final Jid to() {
        return stanza.to() == null ? null : Jid.parse(stanza.to());
    }

    /** @return the error, when the stanza is of type error, else null */
    public final StanzaError error() {
        return StanzaError.of(stanza);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && stanza.equals(((StanzaView) o).stanza);
    }

    @Override
    public final int hashCode() {
        return stanza.hashCode();
    }

    /** @return the XML */
    @Override
    public final String toString() {
        return stanza.toXml();
    }
}
