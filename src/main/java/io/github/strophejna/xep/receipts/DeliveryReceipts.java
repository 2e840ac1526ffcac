package io.github.strophejna.xep.receipts;

import io.github.strophejna.client.Registration;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Message Delivery Receipts (XEP-0184) for one client: sends messages that ask for a receipt, completing when
 * the recipient's client confirms, and once {@link #respond()} is called answers the requests on incoming
 * messages. One instance per client ({@link #of}); thread-safe.
 */
public final class DeliveryReceipts {

    /** The namespace. */
    public static final String NAMESPACE = "urn:xmpp:receipts";

    private final XmppClient client;
    private final Map<String, CompletableFuture<Void>> awaited = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean responding;

    private DeliveryReceipts(XmppClient client) {
        this.client = client;
        client.onMessage(this::onMessage); // receipts for sendWithReceipt; requests only once responding
    }

    /**
     * The client's receipts helper, made on first use; it watches for receipts from now on. Getting it answers
     * no request: see {@link #respond()}.
     *
     * @param client the client
     * @return its helper (the same one on every call)
     */
    public static DeliveryReceipts of(XmppClient client) {
        return Objects.requireNonNull(client, "client").extension(DeliveryReceipts.class, DeliveryReceipts::new);
    }

    /**
     * Answers receipt requests on incoming messages from now on (not on groupchat or error messages), and
     * announces it through {@link ServiceDiscovery} (which then answers disco queries too). Idempotent; any
     * thread.
     *
     * @return this helper
     * @throws IllegalStateException when another handler already answers Service Discovery's namespaces
     */
    public DeliveryReceipts respond() {
        responding = true;
        ServiceDiscovery.of(client).respond().addFeature(NAMESPACE);
        return this;
    }

    /**
     * Sends a message that asks for a receipt.
     *
     * @param message the message (with an id, as the builders give)
     * @param timeout how long to wait for the receipt
     * @return completes when the receipt arrives; fails with a TimeoutException otherwise
     */
    public CompletableFuture<Void> sendWithReceipt(Message message, Duration timeout) {
        Message withRequest = Message.of(message.stanza().toBuilder()
                .child(Stanza.builder("request").namespace(NAMESPACE).build()).build());
        CompletableFuture<Void> f = new CompletableFuture<Void>().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        awaited.put(message.id(), f);
        f.whenComplete((v, e) -> awaited.remove(message.id()));
        client.send(withRequest).whenComplete((v, e) -> {
            if (e != null) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** @param listener gets the id of each message a receipt confirms @return removes it */
    public Registration onReceipt(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    private void onMessage(Message m) {
        Stanza received = m.extension("received", NAMESPACE);
        if (received != null && received.attribute("id") != null) {
            String id = received.attribute("id");
            CompletableFuture<Void> f = awaited.remove(id);
            if (f != null) {
                f.complete(null);
            }
            listeners.forEach(l -> l.accept(id));
            return;
        }
        if (responding && m.extension("request", NAMESPACE) != null && m.id() != null && m.from() != null
                && m.type() != Message.Type.GROUPCHAT && m.type() != Message.Type.ERROR) {
            client.send(Message.builder().to(m.from()).type(Message.Type.NORMAL)
                    .extension(Stanza.builder("received").namespace(NAMESPACE).attribute("id", m.id()).build()).build());
        }
    }
}
