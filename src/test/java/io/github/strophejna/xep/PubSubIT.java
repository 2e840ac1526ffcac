package io.github.strophejna.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.StanzaHistory;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.RoundTrip;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import io.github.strophejna.xep.pubsub.PubSub;
import io.github.strophejna.xep.pubsub.PubSubItem;
import io.github.strophejna.xep.pubsub.PubSubService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A news ticker over pubsub (the seeds' Atom example), and PEP User Tune. */
@WithProsody
class PubSubIT {

    static Stanza entry(String title) {
        return Stanza.builder("entry").namespace("http://www.w3.org/2005/Atom").textChild("title", title).build();
    }

    @Test
    void publishNotifyRetractAndDelete(ProsodyServer server) throws Exception {
        TestAccount pub = server.admin(); // Prosody lets only admins create nodes on its pubsub component
        TestAccount sub = server.createAccount("subscriber");
        Jid service = Jid.parse(ProsodyServer.PUBSUB_DOMAIN);
        String node = "news-" + System.nanoTime();
        try (XmppClient p = server.clientBuilder(pub, "p").build(); XmppClient s = server.clientBuilder(sub, "s").build()) {
            p.connect().get(20, TimeUnit.SECONDS);
            s.connect().get(20, TimeUnit.SECONDS);
            s.send(Presence.builder().build()); // notifications go to the bare JID: available resources get them
            PubSubService publisher = PubSub.of(p).service(service);
            PubSubService subscriber = PubSub.of(s).service(service);
            List<String> events = new CopyOnWriteArrayList<>();
            subscriber.onEvent((n, items) -> items.forEach(i -> events.add(n + "/" + i.id() + "/"
                    + (i.payload() == null ? "retracted" : i.payload().childText("title")))));
            publisher.createNode(node).get(10, TimeUnit.SECONDS);
            subscriber.subscribe(node).get(10, TimeUnit.SECONDS);
            assertEquals("item-1", publisher.publish(node, "item-1", entry("Libstrophe binding released")).get(10, TimeUnit.SECONDS));
            Eventually.await(() -> events.contains(node + "/item-1/Libstrophe binding released"), "the notification: " + events);
            List<PubSubItem> items = subscriber.items(node).get(10, TimeUnit.SECONDS);
            assertEquals(1, items.size());
            assertEquals("http://www.w3.org/2005/Atom", items.get(0).payload().namespace());
            publisher.retract(node, "item-1").get(10, TimeUnit.SECONDS);
            Eventually.await(() -> events.contains(node + "/item-1/retracted"), "the retraction: " + events);
            subscriber.unsubscribe(node).get(10, TimeUnit.SECONDS);
            publisher.deleteNode(node).get(10, TimeUnit.SECONDS);
            assertTrue(events.size() >= 2);
        }
    }

    @Test
    void pepUserTuneWithNotifications(ProsodyServer server) throws Exception {
        TestAccount me = server.createAccount("listener");
        String tuneNs = "http://jabber.org/protocol/tune";
        try (XmppClient phone = server.clientBuilder(me, "phone").build(); XmppClient player = server.clientBuilder(me, "player").build()) {
            List<String> heard = new CopyOnWriteArrayList<>();
            PubSub.of(phone).notifyInterest(tuneNs);
            PubSub.of(phone).pep().onEvent((node, items) -> items.forEach(i -> heard.add(node + ": "
                    + (i.payload() == null ? "-" : i.payload().childText("title")))));
            phone.connect().get(20, TimeUnit.SECONDS);
            phone.send(Presence.builder().build()); // with caps: the server learns our +notify
            // Prosody answers an unknown caps hash with a disco#info query, sent while it handles the presence,
            // and learns +notify from our answer (a known hash: at once). The first round trip has that query
            // answered by the loop; the second has the answer processed by the server.
            RoundTrip.await(phone);
            RoundTrip.await(phone);
            assertTrue(phone.history().entries().stream().anyMatch(e -> e.direction() == StanzaHistory.Direction.OUT
                    && e.kind().equals("presence") && e.xml().contains("http://jabber.org/protocol/caps")),
                    "the presence carried no caps hash: the server cannot learn our +notify");
            player.connect().get(20, TimeUnit.SECONDS);
            Stanza tune = Stanza.builder("tune").namespace(tuneNs).textChild("artist", "Yes").textChild("title", "Heart of the Sunrise").build();
            PubSub.of(player).pep().publish(tuneNs, "current", tune).get(10, TimeUnit.SECONDS);
            Eventually.await(() -> heard.contains(tuneNs + ": Heart of the Sunrise"), "the PEP notification: " + heard);
            List<PubSubItem> items = PubSub.of(player).pep().items(tuneNs).get(10, TimeUnit.SECONDS);
            assertEquals("Heart of the Sunrise", items.get(0).payload().childText("title"));
        }
    }
}
