package io.github.strophejna.xep.disco;

import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One item of an entity (XEP-0030 disco#items).
 *
 * @param jid the item's address
 * @param node its node, or null
 * @param name its name, or null
 */
public record DiscoItem(Jid jid, String node, String name) {

    /** @param jid checked; @param node or null; @param name or null */
    public DiscoItem {
        Objects.requireNonNull(jid, "jid");
    }

    static List<DiscoItem> listFrom(Stanza query) {
        List<DiscoItem> out = new ArrayList<>();
        if (query != null) {
            for (Stanza i : query.elements()) {
                if (i.name().equals("item") && i.attribute("jid") != null) {
                    out.add(new DiscoItem(Jid.parse(i.attribute("jid")), i.attribute("node"), i.attribute("name")));
                }
            }
        }
        return out;
    }

    Stanza toStanza() {
        return Stanza.builder("item").attribute("jid", jid.toString()).attribute("node", node).attribute("name", name).build();
    }
}
