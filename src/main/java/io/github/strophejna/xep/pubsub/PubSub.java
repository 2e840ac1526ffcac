package io.github.strophejna.xep.pubsub;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.xep.caps.EntityCapabilities;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import java.util.Objects;

/**
 * Publish-Subscribe (XEP-0060) and Personal Eventing (XEP-0163) for one client: the way to a service's
 * operations ({@link #service(Jid)}, {@link #pep()}), and interest in PEP notifications
 * ({@link #notifyInterest}). One instance per client ({@link #of}); thread-safe.
 */
public final class PubSub {

    /** The pubsub namespace. */
    public static final String NAMESPACE = "http://jabber.org/protocol/pubsub";
    /** Event notifications. */
    public static final String NS_EVENT = NAMESPACE + "#event";
    /** Owner operations. */
    public static final String NS_OWNER = NAMESPACE + "#owner";

    private final XmppClient client;

    private PubSub(XmppClient client) {
        this.client = client;
    }

    /**
     * The client's pubsub helper, made on first use.
     *
     * @param client the client
     * @return its helper (the same one on every call)
     */
    public static PubSub of(XmppClient client) {
        return Objects.requireNonNull(client, "client").extension(PubSub.class, PubSub::new);
    }

    /**
     * @param service the pubsub service, e.g. pubsub.example.org
     * @return operations on that service (a new, stateless object on each call)
     */
    public PubSubService service(Jid service) {
        return new PubSubService(client, Objects.requireNonNull(service, "service"));
    }

    /** @return operations on the account's own PEP service (User Tune, User Mood, ...); stateless, as {@link #service} */
    public PubSubService pep() {
        return new PubSubService(client, null);
    }

    /**
     * Asks for PEP notifications of a namespace (XEP-0163 "+notify"): announces {@code namespace+notify}
     * through {@link ServiceDiscovery} and switches {@link EntityCapabilities} on ({@link EntityCapabilities#respond()}),
     * so the server, reading our presence, sends this resource the events of our own account and of contacts
     * we subscribe to. Send (or resend) an available presence afterwards. Notifications then reach the
     * {@link PubSubService#onEvent} listeners of {@link #pep()}. Any thread.
     *
     * @param namespace the payload namespace, e.g. "http://jabber.org/protocol/tune"
     */
    public void notifyInterest(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        EntityCapabilities.of(client).respond();
        ServiceDiscovery.of(client).respond().addFeature(namespace + "+notify");
    }
}
