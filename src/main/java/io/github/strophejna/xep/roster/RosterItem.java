package io.github.strophejna.xep.roster;

import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One contact of the roster (RFC 6121 §2.1.2).
 *
 * @param jid the contact's bare JID
 * @param name the name given to it, or null
 * @param subscription the presence subscription state
 * @param pendingOut whether our subscription request awaits the contact's answer ({@code ask='subscribe'})
 * @param groups the groups it is in
 */
public record RosterItem(Jid jid, String name, Subscription subscription, boolean pendingOut, Set<String> groups) {

    /** Who sees whose presence. */
    public enum Subscription {
        /** Neither. */
        NONE,
        /** We see the contact's presence. */
        TO,
        /** The contact sees ours. */
        FROM,
        /** Both. */
        BOTH,
        /** Only in a push: the item was removed. */
        REMOVE
    }

    /** @param jid checked; the rest copied */
    public RosterItem {
        Objects.requireNonNull(jid, "jid");
        subscription = subscription == null ? Subscription.NONE : subscription;
        groups = Set.copyOf(groups == null ? Set.of() : groups);
    }

    /**
     * An item to add or change: the bare JID, no subscription, nothing pending.
     *
     * @param jid the contact
     * @param name a name, or null
     * @param groups its groups
     */
    public RosterItem(Jid jid, String name, String... groups) {
        this(Objects.requireNonNull(jid, "jid").bare(), name, Subscription.NONE, false, new LinkedHashSet<>(Set.of(groups)));
    }

    static RosterItem from(Stanza item) {
        Set<String> groups = new LinkedHashSet<>();
        for (Stanza g : item.elements()) {
            if (g.name().equals("group")) {
                groups.add(g.text());
            }
        }
        Subscription sub;
        try {
            sub = Subscription.valueOf(String.valueOf(item.attribute("subscription")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            sub = Subscription.NONE;
        }
        return new RosterItem(Jid.parse(item.attribute("jid")), item.attribute("name"), sub,
                "subscribe".equals(item.attribute("ask")), groups);
    }

    Stanza toStanza(boolean remove) {
        Stanza.Builder b = Stanza.builder("item").attribute("jid", jid.toString());
        if (remove) {
            return b.attribute("subscription", "remove").build();
        }
        b.attribute("name", name);
        for (String g : groups) {
            b.textChild("group", g);
        }
        return b.build();
    }
}
