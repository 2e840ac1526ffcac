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
 * Entity Capabilities (XEP-0115) for one client: once {@link #respond()} is called, adds a hash of this
 * client's disco identities and features to every available presence it sends, so others learn its features
 * without asking (and can check the hash against its disco answers). Recomputed when the features change.
 * One instance per client ({@link #of}); thread-safe.
 */
public final class EntityCapabilities {

    /** The namespace. */
    public static final String NAMESPACE = "http://jabber.org/protocol/caps";
    /** The default node: this library. */
    public static final String DEFAULT_NODE = "https://github.com/strophejna/strophe-jna";

    private final XmppClient client;
    private final ServiceDiscovery disco;
    private volatile String node = DEFAULT_NODE;
    private volatile String ver;
    private boolean decorating; // guarded by this

    private EntityCapabilities(XmppClient client) {
        this.client = client;
        this.disco = ServiceDiscovery.of(client);
        disco.onChange(this::recompute);
        recompute();
    }

    /**
     * The client's capabilities helper, made on first use. Getting it changes no presence: see
     * {@link #respond()}.
     *
     * @param client the client
     * @return its helper (the same one on every call)
     */
    public static EntityCapabilities of(XmppClient client) {
        return Objects.requireNonNull(client, "client").extension(EntityCapabilities.class, EntityCapabilities::new);
    }

    /**
     * Adds capabilities to every available presence sent from now on, with the node an earlier
     * {@link #respond(String)} gave, else {@link #DEFAULT_NODE}; announces the caps feature through
     * {@link ServiceDiscovery}, which then answers disco queries too. Idempotent; any thread.
     *
     * @return this helper
     * @throws IllegalStateException when another handler already answers Service Discovery's namespaces
     */
    public EntityCapabilities respond() {
        return decorateWith(null);
    }

    /**
     * As {@link #respond()}, with the given node; calling again replaces it.
     *
     * @param node the software's URI, e.g. {@link #DEFAULT_NODE}
     * @return this helper
     * @throws IllegalStateException when another handler already answers Service Discovery's namespaces
     */
    public EntityCapabilities respond(String node) {
        return decorateWith(Objects.requireNonNull(node, "node"));
    }

    private EntityCapabilities decorateWith(String replacement) {
        disco.respond().addFeature(NAMESPACE); // first, so the first hash sent counts it
        synchronized (this) {
            if (!decorating) {
                client.interceptOutgoing(this::decorate);
                decorating = true;
            }
            if (replacement != null) {
                node = replacement;
            }
        }
        return this;
    }

    /** @return the current verification string (base64 SHA-1) */
    public String ver() {
        return ver;
    }

    /** @return the node presence carries ({@link #DEFAULT_NODE} until {@link #respond(String)} sets another) */
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
