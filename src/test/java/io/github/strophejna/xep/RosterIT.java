package io.github.strophejna.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import io.github.strophejna.xep.roster.Roster;
import io.github.strophejna.xep.roster.RosterItem;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Roster get/set/remove with pushes, the subscription handshake, and presence-change events. */
@WithProsody
class RosterIT {

    @Test
    void rosterSubscriptionAndPresenceChanges(ProsodyServer server) throws Exception {
        TestAccount alice = server.createAccount("alice");
        TestAccount bob = server.createAccount("bob");
        try (XmppClient a = server.clientBuilder(alice, "a").build(); XmppClient b = server.clientBuilder(bob, "b").build()) {
            Roster ra = Roster.of(a);
            Roster rb = Roster.of(b);
            List<RosterItem> pushes = new CopyOnWriteArrayList<>();
            List<Jid> requests = new CopyOnWriteArrayList<>();
            List<String> changes = new CopyOnWriteArrayList<>();
            ra.onPush(pushes::add);
            rb.onSubscriptionRequest(requests::add);
            ra.onPresenceChange((jid, p) -> changes.add(jid.resource() + ":" + p.type() + ":" + p.show() + ":" + p.status()));
            a.connect().get(20, TimeUnit.SECONDS);
            b.connect().get(20, TimeUnit.SECONDS);
            assertEquals(List.of(), ra.fetch().get(10, TimeUnit.SECONDS));
            ra.setPresence(null, null, 0);
            rb.setPresence(null, "starting", 1);

            Jid bobJid = Jid.parse(bob.jid());
            ra.set(new RosterItem(bobJid, "Bobby", "Friends", "Work")).get(10, TimeUnit.SECONDS);
            Eventually.await(() -> !pushes.isEmpty(), "the roster push");
            RosterItem pushed = pushes.get(0);
            assertEquals("Bobby", pushed.name());
            assertEquals(Set.of("Friends", "Work"), pushed.groups());

            ra.subscribe(bobJid);
            Eventually.await(() -> !requests.isEmpty(), "bob to see alice's request");
            assertEquals(Jid.parse(alice.jid()), requests.get(0));
            rb.approve(Jid.parse(alice.jid()));
            Eventually.await(() -> ra.items().stream().anyMatch(i -> i.subscription() == RosterItem.Subscription.TO), "subscription 'to'");

            // approval makes the server send bob's current presence, then each change
            Eventually.await(() -> ra.presence(bobJid) != null, "bob's presence");
            rb.setPresence(Presence.Show.DND, "busy", 1);
            Eventually.await(() -> changes.contains("b:AVAILABLE:DND:busy"), "the change to dnd: " + changes);
            rb.setPresence(Presence.Show.DND, "busy", 1); // the same again: no event
            b.disconnect().get(10, TimeUnit.SECONDS);
            Eventually.await(() -> changes.contains("b:UNAVAILABLE:null:null"), "bob going offline: " + changes);
            assertEquals(1, changes.stream().filter("b:AVAILABLE:DND:busy"::equals).count(), changes.toString());
            assertEquals(null, ra.presence(bobJid));

            List<RosterItem> fetched = ra.fetch().get(10, TimeUnit.SECONDS);
            assertEquals(1, fetched.size());
            assertNotNull(fetched.get(0).name());
            ra.remove(bobJid).get(10, TimeUnit.SECONDS);
            Eventually.await(() -> pushes.stream().anyMatch(i -> i.subscription() == RosterItem.Subscription.REMOVE), "the removal push");
            assertEquals(List.of(), ra.fetch().get(10, TimeUnit.SECONDS));
            assertTrue(ra.items().isEmpty());
        }
    }
}
