import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.xep.delay.Delay;
import io.github.strophejna.xep.muc.MultiUserChat;
import io.github.strophejna.xep.muc.Room;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The boot camp's room bot: joins a multi-user chat room (creating it when it does not exist), greets
 * everyone who joins after it, and answers commands said in the room: {@code !help}, {@code !time},
 * {@code !who} (who is here) and {@code !echo TEXT}. Runs until stopped (Ctrl-C), then leaves the room.
 *
 * <pre>scripts/example MucBot --jid bot@example.org --room lobby@conference.example.org --nick bot</pre>
 */
public final class MucBot {

    public static void main(String[] args) throws Exception {
        String usage = "MucBot --jid JID --room ROOM_JID [--nick NICK] [--password ROOM_PASSWORD]";
        ExampleOptions options = ExampleOptions.parse(args, usage);
        if (options.value("room") == null) {
            ExampleOptions.usageError(usage, "--room is needed");
        }
        XmppClient client = options.client().build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close(); // leaves the room with the stream: the server tells the others
            stopped.countDown();
        }));
        Room room;
        try {
            client.connect().get();
            MultiUserChat muc = MultiUserChat.of(client);
            room = options.value("password") == null
                    ? muc.create(options.jid(options.value("room")), options.value("nick", "bot")).get()
                    : muc.join(options.jid(options.value("room")), options.value("nick", "bot"), options.value("password")).get();
        } catch (Exception e) {
            ExampleOptions.exit(e);
            return;
        }
        System.out.println("joined " + room.jid() + " as " + room.nick() + " with " + new TreeSet<>(room.occupants().keySet()));
        // the occupants already there were announced during the join; from now on each arrival is new
        Set<String> present = ConcurrentHashMap.newKeySet();
        present.addAll(room.occupants().keySet());
        room.onOccupantChange((occupant, presence) -> {
            if (presence.type() == Presence.Type.UNAVAILABLE) {
                present.remove(occupant.nick());
            } else if (present.add(occupant.nick()) && !occupant.nick().equals(room.nick())) {
                room.send("Welcome, " + occupant.nick() + "! Say !help for what I can do.");
                System.out.println("greeted " + occupant.nick());
            }
        });
        room.onMessage(m -> {
            String from = m.from().resource();
            // the room replays its recent history (delay-stamped) at join, and echoes our own messages back
            if (from == null || from.equals(room.nick()) || Delay.from(m) != null || !m.body().startsWith("!")) {
                return;
            }
            String answer = answer(m.body().strip(), room);
            room.send(from + ": " + answer);
            System.out.println(from + " asked " + m.body() + ", answered " + answer);
        });
        stopped.await();
    }

    private static String answer(String command, Room room) {
        if (command.equals("!time")) {
            return ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
        }
        if (command.equals("!who")) {
            return String.join(", ", new TreeSet<>(room.occupants().keySet()));
        }
        if (command.startsWith("!echo ")) {
            return command.substring("!echo ".length());
        }
        return "commands: !help, !time, !who, !echo TEXT";
    }
}
