package io.github.strophejna.xep.caps;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.xep.disco.DiscoIdentity;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Entity Capabilities (XEP-0115): adds a hash of this client's disco identities and features to every
 * available presence it sends, so others learn its features without asking. Recomputed when the features
 * change. Thread-safe.
 */
public final class EntityCapabilities {

    /** The namespace. */
    public static final String NAMESPACE = "http://jabber.org/protocol/caps";
    /** The default node: this library. */
    public static final String DEFAULT_NODE = "https://github.com/strophejna/strophe-jna";

    private final ServiceDiscovery disco;
    private final String node;
    private volatile String ver;

    private EntityCapabilities(XmppClient client, String node) {
        this.disco = ServiceDiscovery.of(client);
        this.node = node;
        disco.addFeature(NAMESPACE);
        disco.onChange(this::recompute);
        recompute();
        client.interceptOutgoing(this::decorate);
    }

    /**
     * Adds capabilities to the client's presence from now on. Idempotent (the first node wins).
     *
     * @param client the client
     * @param node the software's URI, e.g. {@link #DEFAULT_NODE}
     * @return the helper
     */
    public static EntityCapabilities enable(XmppClient client, String node) {
        Objects.requireNonNull(node, "node");
        return client.extension(EntityCapabilities.class, c -> new EntityCapabilities(c, node));
    }

    /** @return the current verification string (base64 SHA-1) */
    public String ver() {
        return ver;
    }

    /** @return the node */
    public String node() {
        return node;
    }

    private void recompute() {
        ver = verificationString(disco.identities(), new ArrayList<>(disco.features()));
    }

    /** XEP-0115 §5.1: identities sorted, then features sorted, each followed by '<'; SHA-1; base64. */
    static String verificationString(List<DiscoIdentity> identities, List<String> features) {
        StringBuilder s = new StringBuilder();
        List<DiscoIdentity> ids = new ArrayList<>(identities);
        ids.sort(Comparator.comparing(DiscoIdentity::category).thenComparing(DiscoIdentity::type));
        for (DiscoIdentity i : ids) {
            s.append(i.category()).append('/').append(i.type()).append("//")
                    .append(i.name() == null ? "" : i.name()).append('<');
        }
        List<String> fs = new ArrayList<>(features);
        fs.sort(Comparator.naturalOrder());
        for (String f : fs) {
            s.append(f).append('<');
        }
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1", e);
        }
    }

    private Stanza decorate(Stanza s) {
        if (!s.name().equals("presence") || s.type() != null || s.child("c", NAMESPACE) != null) {
            return s; // only available presence, and only once
        }
        return s.toBuilder().child(Stanza.builder("c").namespace(NAMESPACE).attribute("hash", "sha-1")
                .attribute("node", node).attribute("ver", ver).build()).build();
    }
}
