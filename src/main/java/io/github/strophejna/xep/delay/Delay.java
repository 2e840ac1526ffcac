package io.github.strophejna.xep.delay;

import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaView;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Delayed Delivery (XEP-0203): when a stanza was originally sent, as a server stamps stored (offline) or
 * forwarded stanzas.
 *
 * @param stamp when it was sent
 * @param from who delayed it (usually the server), or null
 * @param reason why, or null
 */
public record Delay(Instant stamp, Jid from, String reason) {

    /** The namespace. */
    public static final String NAMESPACE = "urn:xmpp:delay";

    /**
     * @param stanza any stanza
     * @return its delay, or null when it was not delayed (or the stamp is unreadable)
     */
    public static Delay from(Stanza stanza) {
        Stanza d = stanza.child("delay", NAMESPACE);
        if (d == null || d.attribute("stamp") == null) {
            return null;
        }
        try {
            return new Delay(Instant.parse(d.attribute("stamp")), d.attribute("from") == null ? null : Jid.parse(d.attribute("from")),
                    d.text().isEmpty() ? null : d.text());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param view a message or presence
     * @return its delay, or null
     */
    public static Delay from(StanzaView view) {
        return from(view.stanza());
    }
}
