package io.github.strophejna.client;

import io.github.strophejna.stanza.Stanza;
import java.util.function.Predicate;

/**
 * Selects stanzas the way libstrophe's handlers do: by element name, by namespace (the stanza's own or any
 * child's), and by type. A null field matches anything.
 *
 * @param name element name, e.g. "message", or null
 * @param namespace a namespace the stanza or one of its children has, or null
 * @param type the type attribute, or null
 */
public record StanzaFilter(String name, String namespace, String type) implements Predicate<Stanza> {

    /** @return a filter matching every stanza */
    public static StanzaFilter any() {
        return new StanzaFilter(null, null, null);
    }

    @Override
    public boolean test(Stanza s) {
        if (name != null && !name.equals(s.name())) {
            return false;
        }
        if (type != null && !type.equals(s.type())) {
            return false;
        }
        return namespace == null || namespace.equals(s.namespace()) || s.child(null, namespace) != null;
    }
}
