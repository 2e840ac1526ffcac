package io.github.strophejna.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import io.github.strophejna.xep.muc.MultiUserChat;
import io.github.strophejna.xep.muc.NickConflictException;
import io.github.strophejna.xep.muc.Room;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Creating, joining, talking in and leaving a room on the test server's MUC service. */
@WithProsody
class MultiUserChatIT {

    @Test
    void createJoinTalkWhisperSubjectConflictLeave(ProsodyServer server) throws Exception {
        TestAccount owner = server.createAccount("owner");
        TestAccount guest = server.createAccount("guest");
        TestAccount late = server.createAccount("late");
        Jid roomJid = Jid.parse("room-" + System.nanoTime() + "@" + ProsodyServer.MUC_DOMAIN);
        try (XmppClient o = server.clientBuilder(owner, "o").build(); XmppClient g = server.clientBuilder(guest, "g").build();
             XmppClient l = server.clientBuilder(late, "l").build()) {
            o.connect().get(20, TimeUnit.SECONDS);
            g.connect().get(20, TimeUnit.SECONDS);
            l.connect().get(20, TimeUnit.SECONDS);
            Room ownerRoom = MultiUserChat.of(o).create(roomJid, "Boss").get(10, TimeUnit.SECONDS);
            assertEquals("owner", ownerRoom.occupants().get("Boss").affiliation());

            List<String> heard = new CopyOnWriteArrayList<>();
            List<String> whispers = new CopyOnWriteArrayList<>();
            List<String> subjects = new CopyOnWriteArrayList<>();
            Room guestRoom = MultiUserChat.of(g).join(roomJid, "Visitor", null).get(10, TimeUnit.SECONDS);
            guestRoom.onMessage(m -> heard.add(m.from().resource() + ": " + m.body()));
            guestRoom.onPrivateMessage(m -> whispers.add(m.from().resource() + ": " + m.body()));
            guestRoom.onSubject(subjects::add);
            Eventually.await(() -> ownerRoom.occupants().containsKey("Visitor"), "the owner to see the guest");
            assertTrue(guestRoom.occupants().keySet().containsAll(List.of("Boss", "Visitor")), guestRoom.occupants().toString());

            ownerRoom.send("hello room ✓");
            ownerRoom.sendPrivate("Visitor", "psst");
            ownerRoom.setSubject("Today: tests");
            Eventually.await(() -> heard.contains("Boss: hello room ✓"), "the groupchat message: " + heard);
            Eventually.await(() -> whispers.contains("Boss: psst"), "the private message: " + whispers);
            Eventually.await(() -> subjects.contains("Today: tests"), "the subject: " + subjects);
            assertEquals("Today: tests", guestRoom.subject());

            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> MultiUserChat.of(l).join(roomJid, "Visitor", null).get(10, TimeUnit.SECONDS));
            assertInstanceOf(NickConflictException.class, e.getCause());

            guestRoom.leave();
            Eventually.await(() -> !ownerRoom.occupants().containsKey("Visitor"), "the guest to leave");
        }
    }

    @Test
    void aPasswordProtectedRoomNeedsItsPassword(ProsodyServer server) throws Exception {
        TestAccount owner = server.createAccount("keeper");
        TestAccount guest = server.createAccount("visitor");
        Jid roomJid = Jid.parse("secret-" + System.nanoTime() + "@" + ProsodyServer.MUC_DOMAIN);
        try (XmppClient o = server.clientBuilder(owner, "o").build(); XmppClient g = server.clientBuilder(guest, "g").build()) {
            o.connect().get(20, TimeUnit.SECONDS);
            g.connect().get(20, TimeUnit.SECONDS);
            Room room = MultiUserChat.of(o).create(roomJid, "Keeper").get(10, TimeUnit.SECONDS);
            room.configure(java.util.Map.of("muc#roomconfig_passwordprotectedroom", "1",
                    "muc#roomconfig_roomsecret", "open sesame")).get(10, TimeUnit.SECONDS);
            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> MultiUserChat.of(g).join(roomJid, "Guest", "wrong").get(10, TimeUnit.SECONDS));
            assertEquals("not-authorized", ((io.github.strophejna.client.XmppErrorException) refused.getCause()).error().condition());
            Room in = MultiUserChat.of(g).join(roomJid, "Guest", "open sesame").get(10, TimeUnit.SECONDS);
            assertTrue(in.occupants().containsKey("Keeper"), in.occupants().toString());
        }
    }
}
