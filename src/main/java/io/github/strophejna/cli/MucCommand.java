package io.github.strophejna.cli;

import io.github.strophejna.client.Await;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.xep.muc.MultiUserChat;
import io.github.strophejna.xep.muc.Room;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strophe muc ROOM --nick NICK [MESSAGE]}: say something in a room, or watch it. */
@Command(name = "muc", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Join a room; with MESSAGE say it and leave, without it print the room's messages until interrupted.")
final class MucCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "ROOM", description = "the room's JID")
    String room;

    @Parameters(index = "1", arity = "0..1", paramLabel = "MESSAGE", description = "what to say")
    String message;

    @Option(names = "--nick", required = true, description = "the nickname")
    String nick;

    @Option(names = "--room-password", description = "the room's password, if it has one")
    String roomPassword;

    @Override
    public Integer call() throws Exception {
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
