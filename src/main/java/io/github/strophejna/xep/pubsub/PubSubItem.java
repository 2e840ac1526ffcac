package io.github.strophejna.xep.pubsub;

import io.github.strophejna.stanza.Stanza;
import java.util.ArrayList;
import java.util.List;

/**
 * One published item.
 *
 * @param id its id
 * @param payload its payload element, or null (a notification without payload, or a retraction)
 */
public record PubSubItem(String id, Stanza payload) {

    /** The items (and retractions, without payload) of an {@code <items/>} element, in order; none for null. */
    static List<PubSubItem> listFrom(Stanza items) {
        List<PubSubItem> out = new ArrayList<>();
        if (items == null) {
            return out;
        }
        for (Stanza i : items.elements()) {
            if (i.name().equals("item")) {
                List<Stanza> payload = i.elements();
                out.add(new PubSubItem(i.attribute("id"), payload.isEmpty() ? null : payload.get(0)));
            } else if (i.name().equals("retract")) {
                out.add(new PubSubItem(i.attribute("id"), null));
            }
        }
        return out;
    }
}
