package io.github.strophejna.xep.disco;

import io.github.strophejna.stanza.Stanza;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an entity said about itself (XEP-0030 disco#info).
 *
 * @param identities its identities
 * @param features the namespaces it supports
 */
public record DiscoInfo(List<DiscoIdentity> identities, Set<String> features) {

    /** @param identities copied; @param features copied */
    public DiscoInfo {
        identities = List.copyOf(identities);
        features = Set.copyOf(features);
    }

    static DiscoInfo from(Stanza query) {
        List<DiscoIdentity> ids = new ArrayList<>();
        Set<String> fs = new LinkedHashSet<>();
        if (query != null) {
            for (Stanza c : query.elements()) {
                if (c.name().equals("identity")) {
                    ids.add(DiscoIdentity.from(c));
                } else if (c.name().equals("feature") && c.attribute("var") != null) {
                    fs.add(c.attribute("var"));
                }
            }
        }
        return new DiscoInfo(ids, fs);
    }

    /**
     * @param feature a namespace
     * @return whether it is supported
     */
    public boolean supports(String feature) {
        return features.contains(feature);
    }
}
