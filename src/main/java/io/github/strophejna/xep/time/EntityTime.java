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
 * Entity Time (XEP-0202): tells others this machine's time and real time-zone offset, and asks theirs.
 * Thread-safe.
 */
public final class EntityTime {

    /** The namespace. */
    public static final String NAMESPACE = "urn:xmpp:time";

    private EntityTime() {
    }

    /**
     * Answers time queries from now on with the JVM's clock and default time zone. Idempotent.
     *
     * @param client the client
     */
    public static void enable(XmppClient client) {
        enable(client, Clock.systemDefaultZone());
    }

    /**
     * Answers time queries from now on with the given clock (its zone gives the offset).
     *
     * @param client the client
     * @param clock the clock
     */
    public static void enable(XmppClient client, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        client.extension(Responder.class, c -> {
            ServiceDiscovery.of(c).addFeature(NAMESPACE);
            c.onIq(NAMESPACE, request -> answer(clock));
            return new Responder();
        });
    }

    private static final class Responder {
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
     * @param client the client
     * @param jid the entity
     * @return its time with its offset
     */
    public static CompletableFuture<OffsetDateTime> query(XmppClient client, Jid jid) {
        Objects.requireNonNull(jid, "jid");
        return client.sendIq(Iq.get(jid, Stanza.builder("time").namespace(NAMESPACE).build())).thenApply(r -> {
            Stanza t = r.payload();
            Instant utc = Instant.parse(t.childText("utc").trim());
            String tzo = t.childText("tzo").trim();
            return utc.atOffset(tzo.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(tzo));
        });
    }
}
