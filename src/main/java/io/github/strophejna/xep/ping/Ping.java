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
 * XMPP Ping (XEP-0199): answers pings, and measures round trips to others. Thread-safe.
 */
public final class Ping {

    /** The ping namespace. */
    public static final String NAMESPACE = "urn:xmpp:ping";

    private Ping() {
    }

    /**
     * Answers incoming pings from now on (and announces it in Service Discovery). Idempotent.
     *
     * @param client the client
     */
    public static void enable(XmppClient client) {
        client.extension(Responder.class, c -> {
            ServiceDiscovery.of(c).addFeature(NAMESPACE);
            c.onIq(NAMESPACE, request -> null); // an empty result is the answer
            return new Responder();
        });
    }

    private static final class Responder {
    }

    /**
     * Pings an entity and measures the round trip.
     *
     * @param client the client
     * @param jid whom to ping (a server domain, an account, a full JID)
     * @return the round-trip time. An entity that answers with an error other than
     *         {@code service-unavailable}/{@code feature-not-implemented} still answered, so it counts as a
     *         round trip; those two mean it does not support ping and fail with {@link XmppErrorException}
     */
    public static CompletableFuture<Duration> ping(XmppClient client, Jid jid) {
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
