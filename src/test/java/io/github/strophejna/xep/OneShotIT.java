package io.github.strophejna.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.AuthenticationException;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.scripting.DeliveryException;
import io.github.strophejna.scripting.SendAndDisconnect;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import io.github.strophejna.xep.offline.OfflineMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The 4D plugin's two calls: send-and-disconnect, and collecting offline messages. */
@WithProsody
class OneShotIT {

    @Test
    void messagesSentWhileOfflineAreCollectedOnceWithTheirStamps(ProsodyServer server) throws Exception {
        TestAccount sender = server.createAccount("sender");
        TestAccount reader = server.createAccount("reader");
        Instant before = Instant.now().minusSeconds(2);
        List<Stanza> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(Message.builder().to(reader.jid()).id("off" + i).body("offline " + i + " 😀").build().stanza());
        }
        SendAndDisconnect.send(server.clientBuilder(sender, "s"), Duration.ofSeconds(30), batch);

        List<OfflineMessages.Collected> first = OfflineMessages.collect(server.clientBuilder(reader, "r"),
                Duration.ofMillis(300), Duration.ofSeconds(30));
        assertEquals(batch.stream().map(Stanza::id).collect(Collectors.toList()),
                first.stream().map(c -> c.message().id()).collect(Collectors.toList()), "none lost, in order");
        assertEquals("offline 7 😀", first.get(7).message().body());
        assertNotNull(first.get(0).delay(), "no XEP-0203 stamp");
        assertTrue(!first.get(0).stamp().isBefore(before) && !first.get(0).stamp().isAfter(Instant.now()), first.get(0).stamp().toString());

        List<OfflineMessages.Collected> second = OfflineMessages.collect(server.clientBuilder(reader, "r"),
                Duration.ofMillis(300), Duration.ofSeconds(30));
        assertEquals(List.of(), second, "delivered again");
    }

    @Test
    void anErrorReplyIsADeliveryException(ProsodyServer server) throws Exception {
        TestAccount sender = server.createAccount("bouncer");
        DeliveryException e = assertThrows(DeliveryException.class, () -> SendAndDisconnect.send(
                server.clientBuilder(sender, "s"), Duration.ofSeconds(20),
                List.of(Message.builder().to("nobody@no-such-domain.invalid").id("lost-1").body("x").build().stanza())));
        assertTrue(e.errors().containsKey("lost-1"), e.getMessage());
    }

    @Test
    void aWrongPasswordFailsTheCallTyped(ProsodyServer server) {
        TestAccount sender = server.createAccount("clumsy");
        XmppClient.Builder b = XmppClient.builder().jid(sender.jid("s")).password("nope".toCharArray())
                .host(server.host()).port(server.c2sPort()).caFile(server.caFile());
        assertThrows(AuthenticationException.class, () -> SendAndDisconnect.send(b, Duration.ofSeconds(20),
                List.of(Message.builder().to(sender.jid()).body("x").build().stanza())));
    }
}
