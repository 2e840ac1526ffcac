package io.github.strophejna.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import io.github.strophejna.xep.caps.EntityCapabilities;
import io.github.strophejna.xep.disco.DiscoIdentity;
import io.github.strophejna.xep.disco.DiscoInfo;
import io.github.strophejna.xep.disco.DiscoItem;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import io.github.strophejna.xep.ping.Ping;
import io.github.strophejna.xep.time.EntityTime;
import io.github.strophejna.xep.version.SoftwareVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The responders one client turns on, queried by another client and against the server. */
@WithProsody
class RespondersIT {

    @Test
    void discoPingVersionAndTimeAnswerAnotherClient(ProsodyServer server) throws Exception {
        TestAccount asker = server.createAccount("asker");
        TestAccount bot = server.createAccount("bot");
        try (XmppClient a = server.clientBuilder(asker, "a").build(); XmppClient b = server.clientBuilder(bot, "b").build()) {
            Ping.of(b).respond();
            SoftwareVersion.of(b).respond(new SoftwareVersion.Version("strophe-jna test bot", "1.2.3", "Linux"));
            EntityTime.of(b).respond(Clock.system(ZoneId.of("Asia/Kolkata")));
            ServiceDiscovery.of(b).setIdentities(new DiscoIdentity("client", "bot", "Test Bot"));
            ServiceDiscovery.of(b).addItem(new DiscoItem(Jid.parse("pubsub.localhost"), "news", "News"));
            a.connect().get(20, TimeUnit.SECONDS);
            Jid botJid = b.connect().get(20, TimeUnit.SECONDS).jid();

            DiscoInfo info = ServiceDiscovery.of(a).info(botJid).get(10, TimeUnit.SECONDS);
            assertTrue(info.supports(Ping.NAMESPACE) && info.supports(SoftwareVersion.NAMESPACE)
                    && info.supports(EntityTime.NAMESPACE) && info.supports(ServiceDiscovery.INFO), info.toString());
            assertEquals(List.of(new DiscoIdentity("client", "bot", "Test Bot")), info.identities());
            assertEquals(List.of(new DiscoItem(Jid.parse("pubsub.localhost"), "news", "News")),
                    ServiceDiscovery.of(a).items(botJid).get(10, TimeUnit.SECONDS));

            Duration rtt = Ping.of(a).ping(botJid).get(10, TimeUnit.SECONDS);
            assertTrue(rtt.toNanos() > 0 && rtt.toMillis() < 5000, rtt.toString());
            assertEquals(new SoftwareVersion.Version("strophe-jna test bot", "1.2.3", "Linux"),
                    SoftwareVersion.of(a).query(botJid).get(10, TimeUnit.SECONDS));
            OffsetDateTime t = EntityTime.of(a).query(botJid).get(10, TimeUnit.SECONDS);
            assertEquals("+05:30", t.getOffset().getId(), "the answer carries the zone's real offset");
            assertTrue(Math.abs(Duration.between(t.toInstant(), Instant.now()).toSeconds()) < 60, t.toString());
        }
    }

    @Test
    void theServerAnswersPingDiscoAndVersion(ProsodyServer server) throws Exception {
        TestAccount acc = server.createAccount("curious");
        try (XmppClient a = server.clientBuilder(acc, "a").build()) {
            a.connect().get(20, TimeUnit.SECONDS);
            Jid domain = Jid.parse(ProsodyServer.DOMAIN);
            assertTrue(Ping.of(a).ping(domain).get(10, TimeUnit.SECONDS).toMillis() < 5000);
            List<DiscoItem> items = ServiceDiscovery.of(a).items(domain).get(10, TimeUnit.SECONDS);
            assertTrue(items.stream().anyMatch(i -> i.jid().toString().equals(ProsodyServer.MUC_DOMAIN)), items.toString());
            assertEquals("Prosody", SoftwareVersion.of(a).query(domain).get(10, TimeUnit.SECONDS).name());
        }
    }

    @Test
    void capabilitiesGoOutWithPresenceAndMatchTheFeatures(ProsodyServer server) throws Exception {
        TestAccount watcher = server.createAccount("watcher");
        try (XmppClient w = server.clientBuilder(watcher, "w").build(); XmppClient me = server.clientBuilder(watcher, "me").build()) {
            EntityCapabilities caps = EntityCapabilities.of(me).respond();
            Ping.of(me).respond();
            List<Presence> seen = new CopyOnWriteArrayList<>();
            CountDownLatch got = new CountDownLatch(1);
            w.onPresence(p -> {
                if (p.from() != null && "me".equals(p.from().resource())) {
                    seen.add(p);
                    got.countDown();
                }
            });
            w.connect().get(20, TimeUnit.SECONDS);
            w.send(Presence.builder().build());
            me.connect().get(20, TimeUnit.SECONDS);
            me.send(Presence.builder().status("here").build());
            assertTrue(got.await(10, TimeUnit.SECONDS), "no presence from the other resource");
            Stanza c = seen.get(0).stanza().child("c", EntityCapabilities.NAMESPACE);
            assertEquals(caps.ver(), c.attribute("ver"));
            assertEquals("sha-1", c.attribute("hash"));
            // a peer can check the hash against what disco#info says
            DiscoInfo info = ServiceDiscovery.of(w).info(seen.get(0).from()).get(10, TimeUnit.SECONDS);
            assertTrue(info.supports(Ping.NAMESPACE) && info.supports(EntityCapabilities.NAMESPACE));
        }
    }
}
