import io.github.strophejna.client.StanzaHistory;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.StanzaParseException;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import io.github.strophejna.xep.roster.Roster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;

/**
 * A debugging session, as the Pharo client's stanza log shows one: every stanza in and out printed live
 * with its time and direction (credentials redacted by the client), from the login on. It goes online,
 * asks for the roster and the server's features so there is something to see, then sends each line typed
 * on standard input as raw XML. When stopped (Ctrl-C) it writes the whole history as JSON lines to
 * {@code --save FILE}.
 *
 * <pre>scripts/example DebugSession --jid alice@example.org --save session.jsonl</pre>
 */
public final class DebugSession {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    public static void main(String[] args) throws Exception {
        ExampleOptions options = ExampleOptions.parse(args, "DebugSession --jid JID [--save FILE] [--history 10000]");
        XmppClient client = options.client().historySize(options.number("history", 10000)).build();
        // listeners run on the loop thread, in the order things were sent and received
        client.history().addListener(DebugSession::print);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            save(client, options.value("save"));
            stopped.countDown();
        }));
        try {
            client.connect().get();
            client.send(Presence.builder().status("debugging").build());
            Roster.of(client).fetch().get();
            ServiceDiscovery.of(client).info(Jid.of(null, client.jid().domain(), null)).get();
        } catch (Exception e) {
            ExampleOptions.exit(e);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            try {
                client.sendXml(line.strip());
            } catch (StanzaParseException e) {
                System.out.println("not sent, not well-formed XML: " + e.getMessage());
            }
        }
        stopped.await(); // standard input closed: keep logging until stopped
    }

    private static void print(StanzaHistory.Entry e) {
        String arrow = e.direction() == StanzaHistory.Direction.IN ? "IN  <-" : "OUT ->";
        StringBuilder header = new StringBuilder(TIME.format(e.time())).append(' ').append(arrow).append(' ').append(e.kind());
        if (e.id() != null) {
            header.append(" id=").append(e.id());
        }
        if (e.from() != null) {
            header.append(" from=").append(e.from());
        }
        if (e.to() != null) {
            header.append(" to=").append(e.to());
        }
        System.out.println(header);
        System.out.println("    " + e.xml());
    }

    private static void save(XmppClient client, String file) {
        if (file == null) {
            return;
        }
        try (Writer out = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)) {
            client.history().exportJsonLines(out);
            System.out.println("history saved to " + file + " (" + client.history().entries().size() + " stanzas)");
        } catch (java.io.IOException e) {
            System.err.println("cannot save the history: " + e.getMessage());
        }
    }
}
