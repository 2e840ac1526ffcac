package io.github.strophejna.xep.ping;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.client.XmppErrorException;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * XMPP Ping (XEP-0199) for one client: measures round trips to others, and once {@link #respond()} is called
 * answers their pings. One instance per client ({@link #of}); thread-safe.
 */
public final class Ping {

    /** The ping namespace. */
    public static final String NAMESPACE = "urn:xmpp:ping";

    private final XmppClient client;
    private boolean responding; // guarded by this

    private Ping(XmppClient client) {
        this.client = client;
    }

    /**
     * The client's ping helper, made on first use. Getting it answers nothing: see {@link #respond()}.
     *
     * @param client the client
     * @return its helper (the same one on every call)
     */
    public static Ping of(XmppClient client) {
        return Objects.requireNonNull(client, "client").extension(Ping.class, Ping::new);
    }

    /**
     * Answers incoming pings from now on, and announces it through {@link ServiceDiscovery} (which then
     * answers disco queries too). Idempotent; any thread.
     *
     * @return this helper
     * @throws IllegalStateException when another handler already answers the ping namespace or Service Discovery's
     */
    public Ping respond() {
        synchronized (this) {
            if (!responding) {
                client.onIq(NAMESPACE, request -> null); // an empty result is the answer
                responding = true;
            }
        }
        ServiceDiscovery.of(client).respond().addFeature(NAMESPACE);
        return this;
    }

    /**
     * Pings an entity and measures the round trip.
     *
     * @param jid whom to ping (a server domain, an account, a full JID)
     * @return the round-trip time. An entity that answers with an error other than
     *         {@code service-unavailable}/{@code feature-not-implemented} still answered, so it counts as a
     *         round trip; those two mean it does not support ping and fail with {@link XmppErrorException}
     */
    public CompletableFuture<Duration> ping(Jid jid) {
        Objects.requireNonNull(jid, "jid");
        long start = System.nanoTime();
        return client.sendIq(Iq.get(jid, Stanza.builder("ping").namespace(NAMESPACE).build()))
                .handle((answer, failure) -> {
                    long elapsed = System.nanoTime() - start;
                    if (failure == null) {
                        return Duration.ofNanos(elapsed);
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    if (cause instanceof XmppErrorException e && !e.error().condition().equals("service-unavailable")
                            && !e.error().condition().equals("feature-not-implemented")) {
                        return Duration.ofNanos(elapsed);
                    }
                    throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
                });
    }
}
