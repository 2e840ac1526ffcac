package io.github.strophejna.cli;

import io.github.strophejna.client.Await;
import io.github.strophejna.client.StanzaHistory;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaParseException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code strophe console}: an interactive debugging session. Raw XML (several lines until the element closes)
 * or short commands; every stanza in and out is printed with direction and time, pretty and coloured on a
 * terminal. Works with piped input too.
 */
final class ConsoleCommand extends Subcommand {

    static final String SUMMARY = "An interactive session: type raw XML or commands; every stanza in and out is"
            + " printed.";
    private static final String IN = "\u001b[32m";
    private static final String OUT = "\u001b[36m";
    private static final String RESET = "\u001b[0m";

    @Override
    void declare(CommandSpec spec) {
        spec.description("Type raw XML (multi-line until the element closes) or commands:\n"
                + "  :msg JID TEXT   send a chat message\n"
                + "  :iq JID NS      send an iq get with an empty <query xmlns='NS'/>\n"
                + "  :history        print the stanza history\n"
                + "  :save FILE      save the history as JSON lines\n"
                + "  :quit           disconnect and exit (so does end of input)");
    }

    @Override
    int run(ParsedArgs args) throws Exception {
        boolean terminal = System.console() != null;
        try (XmppClient client = options.builder().historySize(10_000).build()) {
            client.history().addListener(e -> print(e, terminal));
            Await.until(client.connect(), deadline(), "the login");
            System.err.println("connected as " + client.jid() + "; type XML or :help");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            StringBuilder xml = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (xml.length() == 0 && line.startsWith(":")) {
                    if (!command(client, line.trim())) {
                        break;
                    }
                    continue;
                }
                if (xml.length() == 0 && line.isBlank()) {
                    continue;
                }
                xml.append(line).append('\n');
                try {
                    client.send(Stanza.parse(xml.toString()));
                    xml.setLength(0);
                } catch (StanzaParseException e) {
                    if (!e.getMessage().contains("unterminated") && !e.getMessage().contains("expected")) {
                        System.err.println("not sent: " + e.getMessage());
                        xml.setLength(0);
                    }
                }
            }
            if (xml.length() > 0) {
                System.err.println("not sent (incomplete XML at end of input): " + xml.toString().trim());
            }
            Await.until(client.disconnect(), deadline(), "the disconnect");
        }
        return ExitCodes.OK;
    }

    /** @return false to quit */
    private boolean command(XmppClient client, String line) throws Exception {
        String[] p = line.split("\\s+", 3);
        switch (p[0]) {
            case ":quit", ":q" -> {
                return false;
            }
            case ":msg" -> {
                if (p.length < 3) {
                    System.err.println("usage: :msg JID TEXT");
                } else {
                    client.send(Message.builder().to(p[1]).body(p[2]).build());
                }
            }
            case ":iq" -> {
                if (p.length < 3) {
                    System.err.println("usage: :iq JID NAMESPACE");
                } else {
                    client.sendIq(Iq.get(Jid.parse(p[1]), Stanza.builder("query").namespace(p[2]).build()))
                            .exceptionally(t -> {
                                System.err.println("iq failed: " + t.getMessage());
                                return null;
                            });
                }
            }
            case ":history" -> client.history().entries().forEach(e -> System.out.println(describe(e)));
            case ":save" -> {
                if (p.length < 2) {
                    System.err.println("usage: :save FILE");
                } else {
                    try (Writer w = Files.newBufferedWriter(Path.of(p[1]), StandardCharsets.UTF_8)) {
                        client.history().exportJsonLines(w);
                    }
                    System.err.println("saved " + client.history().entries().size() + " stanzas to " + p[1]);
                }
            }
            case ":help" -> System.err.println("XML, or :msg JID TEXT, :iq JID NS, :history, :save FILE, :quit");
            default -> System.err.println("unknown command " + p[0] + " (:help)");
        }
        return true;
    }

    private static synchronized void print(StanzaHistory.Entry e, boolean terminal) {
        boolean in = e.direction() == StanzaHistory.Direction.IN;
        String head = e.time() + (in ? " <<< " : " >>> ");
        String body;
        try {
            body = terminal ? Stanza.parse(e.xml()).toPrettyXml() : e.xml();
        } catch (RuntimeException ex) {
            body = e.xml();
        }
        System.out.println(terminal ? (in ? IN : OUT) + head + RESET + body : head + body);
        System.out.flush();
    }
}
