package io.github.strophejna.xep.disco;

import io.github.strophejna.stanza.Stanza;
import java.util.Objects;

/**
 * One identity of an entity (XEP-0030): category and type from the registry, and an optional name.
 *
 * @param category e.g. "client", "server", "conference"
 * @param type e.g. "pc", "bot", "im", "text"
 * @param name a human-readable name, or null
 */
public record DiscoIdentity(String category, String type, String name) {

    /** @param category checked; @param type checked; @param name or null */
    public DiscoIdentity {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
    }

    static DiscoIdentity from(Stanza s) {
        return new DiscoIdentity(String.valueOf(s.attribute("category")), String.valueOf(s.attribute("type")), s.attribute("name"));
    }

    Stanza toStanza() {
        return Stanza.builder("identity").attribute("category", category).attribute("type", type).attribute("name", name).build();
    }
}
