package io.github.strophejna.xep.pubsub;

import io.github.strophejna.client.Registration;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Publish-Subscribe (XEP-0060) against one service (e.g. pubsub.example.org), or Personal Eventing (XEP-0163)
 * when the service is the account itself ({@link #pep}). Thread-safe; listeners run where the client runs
 * its handlers.
 */
public final class PubSub {

    /** The pubsub namespace. */
    public static final String NAMESPACE = "http://jabber.org/protocol/pubsub";
    /** Event notifications. */
    public static final String NS_EVENT = NAMESPACE + "#event";
    /** Owner operations. */
    public static final String NS_OWNER = NAMESPACE + "#owner";

    private final XmppClient client;
    private final Jid service;

    private PubSub(XmppClient client, Jid service) {
        this.client = client;
        this.service = service;
    }

    /**
     * @param client the client
     * @param service the pubsub service
     * @return operations on that service
     */
    public static PubSub on(XmppClient client, Jid service) {
        return new PubSub(Objects.requireNonNull(client, "client"), Objects.requireNonNull(service, "service"));
    }

    /**
     * Personal Eventing: the account's own pubsub service (User Tune, User Mood, ...).
     *
     * @param client the client
     * @return operations on the account's PEP service
     */
    public static PubSub pep(XmppClient client) {
        return new PubSub(Objects.requireNonNull(client, "client"), null);
    }

    private CompletableFuture<Iq> set(String ns, Stanza child) {
        return client.sendIq(Iq.set(service, Stanza.builder("pubsub").namespace(ns).child(child).build()));
    }

    /**
     * Asks for PEP notifications of a namespace (XEP-0163 "+notify"): announces {@code namespace+notify} in
     * Service Discovery and turns Entity Capabilities on, so the server, reading our presence, sends this
     * resource the events of our own account and of contacts we subscribe to. Send (or resend) an available
     * presence afterwards. Notifications then reach {@link #onEvent} listeners of {@link #pep}.
     *
     * @param client the client
     * @param namespace the payload namespace, e.g. "http://jabber.org/protocol/tune"
     */
    public static void notifyInterest(XmppClient client, String namespace) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(namespace, "namespace");
        io.github.strophejna.xep.caps.EntityCapabilities.of(client).respond();
        io.github.strophejna.xep.disco.ServiceDiscovery.of(client).respond().addFeature(namespace + "+notify");
    }

    /** @param node the node to create (default configuration) @return completes when created */
    public CompletableFuture<Void> createNode(String node) {
        Objects.requireNonNull(node, "node");
        return set(NAMESPACE, Stanza.builder("create").attribute("node", node).build()).thenApply(r -> null);
    }

    /** @param node the node to delete @return completes when deleted */
    public CompletableFuture<Void> deleteNode(String node) {
        Objects.requireNonNull(node, "node");
        return set(NS_OWNER, Stanza.builder("delete").attribute("node", node).build()).thenApply(r -> null);
    }

    /**
     * Publishes an item (PEP creates the node on first publish).
     *
     * @param node the node
     * @param itemId the item id, or null to let the service choose
     * @param payload the payload element
     * @return the item id
     */
    public CompletableFuture<String> publish(String node, String itemId, Stanza payload) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(payload, "payload");
        Stanza item = Stanza.builder("item").attribute("id", itemId).child(payload).build();
        return set(NAMESPACE, Stanza.builder("publish").attribute("node", node).child(item).build()).thenApply(r -> {
            Stanza p = r.payload();
            Stanza pub = p == null ? null : p.child("publish");
            Stanza it = pub == null ? null : pub.child("item");
            return it != null && it.attribute("id") != null ? it.attribute("id") : itemId;
        });
    }

    /** @param node the node @param itemId the item @return completes when retracted (subscribers are notified) */
    public CompletableFuture<Void> retract(String node, String itemId) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(itemId, "itemId");
        return set(NAMESPACE, Stanza.builder("retract").attribute("node", node).attribute("notify", "true")
                .child(Stanza.builder("item").attribute("id", itemId).build()).build()).thenApply(r -> null);
    }

    /** @param node the node @return completes when subscribed (with our bare JID) */
    public CompletableFuture<Void> subscribe(String node) {
        Objects.requireNonNull(node, "node");
        return set(NAMESPACE, Stanza.builder("subscribe").attribute("node", node)
                .attribute("jid", client.jid().bare().toString()).build()).thenApply(r -> null);
    }

    /** @param node the node @return completes when unsubscribed */
    public CompletableFuture<Void> unsubscribe(String node) {
        Objects.requireNonNull(node, "node");
        return set(NAMESPACE, Stanza.builder("unsubscribe").attribute("node", node)
                .attribute("jid", client.jid().bare().toString()).build()).thenApply(r -> null);
    }

    /** @param node the node @return its items */
    public CompletableFuture<List<PubSubItem>> items(String node) {
        Objects.requireNonNull(node, "node");
        return client.sendIq(Iq.get(service, Stanza.builder("pubsub").namespace(NAMESPACE)
                .child(Stanza.builder("items").attribute("node", node).build()).build()))
                .thenApply(r -> itemsOf(r.payload() == null ? null : r.payload().child("items")));
    }

    /**
     * Calls the listener for event notifications from this service: published items, and retractions
     * (items with a null payload).
     *
     * @param listener gets the node and its items
     * @return removes it
     */
    public Registration onEvent(BiConsumer<String, List<PubSubItem>> listener) {
        Objects.requireNonNull(listener, "listener");
        return client.onMessage(m -> {
            Stanza event = m.extension("event", NS_EVENT);
            if (event == null || (service != null && !service.equals(m.from()))
                    || (service == null && m.from() != null && m.from().local() == null)) {
                // a service's events go to its PubSub; PEP events come from accounts (bare JIDs)
                return;
            }
            Stanza items = event.child("items");
            if (items != null) {
                listener.accept(items.attribute("node"), itemsOf(items));
            }
        });
    }

    private static List<PubSubItem> itemsOf(Stanza items) {
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
