package io.github.strophejna.cli;

import io.github.strophejna.client.Await;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.xep.muc.MultiUserChat;
import io.github.strophejna.xep.muc.Room;
import java.util.concurrent.CountDownLatch;

/** {@code strophe muc ROOM --nick NICK [MESSAGE]}: say something in a room, or watch it. */
final class MucCommand extends Subcommand {

    static final String DESCRIPTION = "Join a room; with MESSAGE say it and leave, without it print the room's messages"
            + " until interrupted.";

    @Override
    void declare(CommandSpec spec) {
        spec.description(DESCRIPTION);
        spec.option("--nick", "NICK", "the nickname").required();
        spec.option("--room-password", "PASSWORD", "the room's password, if it has one");
        spec.positional("ROOM", "the room's JID");
        spec.positional("MESSAGE", "what to say").optional();
    }

    @Override
    int run(ParsedArgs args) throws Exception {
        String room = args.string("ROOM");
        String message = MessageText.check(args.string("MESSAGE"), "the message");
        String nick = args.string("--nick");
        String roomPassword = args.string("--room-password");
        try (XmppClient client = options.builder().build()) {
            Await.until(client.connect(), deadline(), "the login");
            Room r = Await.until(MultiUserChat.of(client).join(Jid.parse(room), nick, roomPassword), deadline(), "the room");
            if (message != null) {
                r.send(message);
            } else {
                r.onMessage(m -> System.out.println(m.from().resource() + ": " + m.body()));
                new CountDownLatch(1).await();
            }
            r.leave();
            Await.until(client.disconnect(), deadline(), "the disconnect");
        }
        return ExitCodes.OK;
    }
}
