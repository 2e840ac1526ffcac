package io.github.strophejna.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.AuthenticationException;
import io.github.strophejna.client.StanzaHistory;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import io.github.strophejna.xep.carbons.Carbons;
import io.github.strophejna.xep.chatstates.ChatStates;
import io.github.strophejna.xep.receipts.DeliveryReceipts;
import io.github.strophejna.xep.register.AccountManagement;
import io.github.strophejna.xep.vcard.VCards;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Receipts, chat states, carbons, vCards and account management against the test server. */
@WithProsody
class MessagingExtrasIT {

    @Test
    void receiptsAndChatStates(ProsodyServer server) throws Exception {
        TestAccount a = server.createAccount("ann");
        TestAccount b = server.createAccount("ben");
        try (XmppClient ca = server.clientBuilder(a, "a").build(); XmppClient cb = server.clientBuilder(b, "b").build()) {
            DeliveryReceipts.of(cb).respond(); // answers requests
            List<ChatStates.State> states = new CopyOnWriteArrayList<>();
            cb.onMessage(m -> {
                ChatStates.State s = ChatStates.State.from(m);
                if (s != null) {
                    states.add(s);
                }
            });
            ca.connect().get(20, TimeUnit.SECONDS);
            Jid to = cb.connect().get(20, TimeUnit.SECONDS).jid();
            DeliveryReceipts.of(ca).sendWithReceipt(Message.builder().to(to).body("did you get this?").build(),
                    Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
            ChatStates.of(ca).send(to, ChatStates.State.COMPOSING);
            ChatStates.of(ca).send(to, ChatStates.State.PAUSED);
            Eventually.await(() -> states.size() == 2, "chat states");
            assertEquals(List.of(ChatStates.State.COMPOSING, ChatStates.State.PAUSED), states);
        }
    }

    @Test
    void carbonsCopyWhatAnotherResourceReceivesAndSends(ProsodyServer server) throws Exception {
        TestAccount me = server.createAccount("multi");
        TestAccount peer = server.createAccount("peer");
        try (XmppClient phone = server.clientBuilder(me, "phone").build(); XmppClient laptop = server.clientBuilder(me, "laptop").build();
             XmppClient p = server.clientBuilder(peer, "p").build()) {
            List<String> copies = new CopyOnWriteArrayList<>();
            Carbons.of(laptop).onCarbon((dir, m) -> copies.add(dir + ":" + m.body()));
            Jid phoneJid = phone.connect().get(20, TimeUnit.SECONDS).jid();
            laptop.connect().get(20, TimeUnit.SECONDS);
            Jid peerJid = p.connect().get(20, TimeUnit.SECONDS).jid();
            Carbons.of(laptop).enable().get(10, TimeUnit.SECONDS);
            p.send(Message.builder().to(phoneJid).body("to the phone").build());
            phone.send(Message.builder().to(peerJid).body("from the phone").build());
            Eventually.await(() -> copies.size() == 2, "two carbons: " + copies);
            assertTrue(copies.containsAll(List.of("RECEIVED:to the phone", "SENT:from the phone")), copies.toString());
        }
    }

    @Test
    void vcardSetGetAndAccountPasswordChangeAndRemoval(ProsodyServer server) throws Exception {
        TestAccount v = server.createAccount("vic");
        TestAccount reader = server.createAccount("reader");
        try (XmppClient c = server.clientBuilder(v, "v").build(); XmppClient r = server.clientBuilder(reader, "r").build()) {
            c.connect().get(20, TimeUnit.SECONDS);
            r.connect().get(20, TimeUnit.SECONDS);
            VCards.of(c).set(new VCards.VCard("Victoria Example", "Vic", "vic@example.org")).get(10, TimeUnit.SECONDS);
            VCards.VCard card = VCards.of(r).get(Jid.parse(v.jid())).get(10, TimeUnit.SECONDS);
            assertEquals("Victoria Example", card.fullName());
            assertEquals("Vic", card.nickname());
            assertEquals("vic@example.org", card.email());

            AccountManagement.of(c).changePassword("new-secret-1".toCharArray()).get(10, TimeUnit.SECONDS);
            assertTrue(c.history().entries().stream().map(StanzaHistory.Entry::xml).noneMatch(x -> x.contains("new-secret-1")),
                    "the new password is in the history");
        }
        try (XmppClient old = server.clientBuilder(v, "old").build()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> old.connect().get(20, TimeUnit.SECONDS));
            assertInstanceOf(AuthenticationException.class, e.getCause());
        }
        try (XmppClient c = XmppClient.builder().jid(v.jid("new")).password("new-secret-1".toCharArray()).host(server.host())
                .port(server.c2sPort()).caFile(server.caFile()).build()) {
            c.connect().get(20, TimeUnit.SECONDS);
            AccountManagement.of(c).removeAccount().get(10, TimeUnit.SECONDS);
        }
        try (XmppClient gone = XmppClient.builder().jid(v.jid("after")).password("new-secret-1".toCharArray()).host(server.host())
                .port(server.c2sPort()).caFile(server.caFile()).build()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> gone.connect().get(20, TimeUnit.SECONDS));
            assertInstanceOf(AuthenticationException.class, e.getCause());
        }
    }
}
