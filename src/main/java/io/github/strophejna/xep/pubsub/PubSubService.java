package io.github.strophejna.xep.pubsub;

import io.github.strophejna.client.Registration;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Publish-Subscribe (XEP-0060) operations on one service, from {@link PubSub#service(Jid)}, or on the
 * account's own Personal Eventing service (XEP-0163), from {@link PubSub#pep()}. Holds no state of its own:
 * any number may exist for a service. Thread-safe; listeners run where the client runs its handlers.
 */
public final class PubSubService {

    private final XmppClient client;
    private final Jid service; // null: the account's PEP service

    PubSubService(XmppClient client, Jid service) {
        this.client = client;
        this.service = service;
    }

    private CompletableFuture<Iq> set(String ns, Stanza child) {
        return client.sendIq(Iq.set(service, Stanza.builder("pubsub").namespace(ns).child(child).build()));
    }

    /** @param node the node to create (default configuration) @return completes when created */
    public CompletableFuture<Void> createNode(String node) {
        Objects.requireNonNull(node, "node");
        return set(PubSub.NAMESPACE, Stanza.builder("create").attribute("node", node).build()).thenApply(r -> null);
    }

    /** @param node the node to delete @return completes when deleted */
    public CompletableFuture<Void> deleteNode(String node) {
        Objects.requireNonNull(node, "node");
        return set(PubSub.NS_OWNER, Stanza.builder("delete").attribute("node", node).build()).thenApply(r -> null);
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
        return set(PubSub.NAMESPACE, Stanza.builder("publish").attribute("node", node).child(item).build()).thenApply(r -> {
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
        return set(PubSub.NAMESPACE, Stanza.builder("retract").attribute("node", node).attribute("notify", "true")
                .child(Stanza.builder("item").attribute("id", itemId).build()).build()).thenApply(r -> null);
    }

    /** @param node the node @return completes when subscribed (with our bare JID) */
    public CompletableFuture<Void> subscribe(String node) {
        Objects.requireNonNull(node, "node");
        return set(PubSub.NAMESPACE, Stanza.builder("subscribe").attribute("node", node)
                .attribute("jid", client.jid().bare().toString()).build()).thenApply(r -> null);
    }

    /** @param node the node @return completes when unsubscribed */
    public CompletableFuture<Void> unsubscribe(String node) {
        Objects.requireNonNull(node, "node");
        return set(PubSub.NAMESPACE, Stanza.builder("unsubscribe").attribute("node", node)
                .attribute("jid", client.jid().bare().toString()).build()).thenApply(r -> null);
    }

    /** @param node the node @return its items */
    public CompletableFuture<List<PubSubItem>> items(String node) {
        Objects.requireNonNull(node, "node");
        return client.sendIq(Iq.get(service, Stanza.builder("pubsub").namespace(PubSub.NAMESPACE)
                .child(Stanza.builder("items").attribute("node", node).build()).build()))
                .thenApply(r -> PubSubItem.listFrom(r.payload() == null ? null : r.payload().child("items")));
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
            Stanza event = m.extension("event", PubSub.NS_EVENT);
            if (event == null || (service != null && !service.equals(m.from()))
                    || (service == null && m.from() != null && m.from().local() == null)) {
                // a service's events go to its PubSubService; PEP events come from accounts (bare JIDs)
                return;
            }
            Stanza items = event.child("items");
            if (items != null) {
                listener.accept(items.attribute("node"), PubSubItem.listFrom(items));
            }
        });
    }
}
