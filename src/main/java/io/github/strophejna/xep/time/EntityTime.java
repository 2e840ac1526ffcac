package io.github.strophejna.xep.time;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Entity Time (XEP-0202) for one client: asks others for their time, and once {@link #respond()} is called
 * tells them this machine's time and real time-zone offset. One instance per client ({@link #of});
 * thread-safe.
 */
public final class EntityTime {

    /** The namespace. */
    public static final String NAMESPACE = "urn:xmpp:time";

    private final XmppClient client;
    private volatile Clock clock = Clock.systemDefaultZone();
    private boolean responding; // guarded by this

    private EntityTime(XmppClient client) {
        this.client = client;
    }

    /**
     * The client's time helper, made on first use. Getting it answers nothing: see {@link #respond()}.
     *
     * @param client the client
     * @return its helper (the same one on every call)
     */
    public static EntityTime of(XmppClient client) {
        return Objects.requireNonNull(client, "client").extension(EntityTime.class, EntityTime::new);
    }

    /**
     * Answers time queries from now on, and announces it through {@link ServiceDiscovery} (which then answers
     * disco queries too), with the clock an earlier {@link #respond(Clock)} gave, else the JVM's clock and
     * default time zone. Idempotent; any thread.
     *
     * @return this helper
     * @throws IllegalStateException when another handler already answers the time namespace or Service Discovery's
     */
    public EntityTime respond() {
        return answerWith(null);
    }

    /**
     * As {@link #respond()}, with the given clock (its zone gives the offset); calling again replaces it.
     *
     * @param clock the clock
     * @return this helper
     * @throws IllegalStateException when another handler already answers the time namespace or Service Discovery's
     */
    public EntityTime respond(Clock clock) {
        return answerWith(Objects.requireNonNull(clock, "clock"));
    }

    private EntityTime answerWith(Clock replacement) {
        synchronized (this) {
            if (!responding) {
                client.onIq(NAMESPACE, request -> answer(clock));
                responding = true;
            }
            if (replacement != null) {
                clock = replacement;
            }
        }
        ServiceDiscovery.of(client).respond().addFeature(NAMESPACE);
        return this;
    }

    static Stanza answer(Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ZoneOffset offset = clock.getZone().getRules().getOffset(now);
        String tzo = offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
        return Stanza.builder("time").namespace(NAMESPACE).textChild("tzo", tzo)
                .textChild("utc", DateTimeFormatter.ISO_INSTANT.format(now)).build();
    }

    /**
     * Asks an entity for its time.
     *
     * @param jid the entity
     * @return its time with its offset
     */
    public CompletableFuture<OffsetDateTime> query(Jid jid) {
        Objects.requireNonNull(jid, "jid");
        return client.sendIq(Iq.get(jid, Stanza.builder("time").namespace(NAMESPACE).build())).thenApply(r -> {
            Stanza t = r.payload();
            Instant utc = Instant.parse(t.childText("utc").trim());
            String tzo = t.childText("tzo").trim();
            return utc.atOffset(tzo.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(tzo));
        });
    }
}
