package io.github.strophejna.cli;

import io.github.strophejna.client.Await;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.xep.roster.Roster;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code strophe console}: an interactive debugging session. Raw XML (several lines until the element closes)
 * or short commands; every stanza in and out is printed with direction and time. On a terminal: line editing,
 * history across runs, Tab completion, pretty XML and colours (see {@link TerminalConsoleInput}); from a pipe it
 * reads plain lines for scripts. What was typed is kept in {@link ConsoleHistory}'s file either way.
 */
final class ConsoleCommand extends Subcommand {

    static final String SUMMARY = "An interactive session: type raw XML or commands; every stanza in and out is"
            + " printed.";
    private static final String COMMANDS_HELP = "  :msg JID TEXT     send a chat message\n"
            + "  :iq JID NS        send an iq get with an empty <query xmlns='NS'/>\n"
            + "  :history          print the stanza history (as filtered)\n"
            + "  :filter TEXT      print only stanzas whose XML holds TEXT (case ignored); :filter /REGEX/ for a\n"
            + "                    regular expression; :filter off for all again; :filter alone shows the filter\n"
            + "  :save FILE        save the whole history as JSON lines\n"
            + "  :quit             disconnect and exit (so does end of input, Ctrl-D)";

    @Override
    void declare(CommandSpec spec) {
        spec.description("Type raw XML (multi-line until the element closes) or commands:\n" + COMMANDS_HELP + "\n"
                + "On a terminal: line editing, Tab completes commands and JIDs seen, history of earlier runs in"
                + " ${XDG_STATE_HOME:-~/.local/state}/strophe-jna/console_history (mode 0600; entries that may carry a"
                + " credential are not written), colours unless NO_COLOR is set.");
    }

    @Override
    int run(ParsedArgs args) throws Exception {
        boolean stdoutTerminal = Terminals.isTerminal(1);
        boolean editing = stdoutTerminal && Terminals.isTerminal(0);
        StanzaPrinter printer = new StanzaPrinter(stdoutTerminal, Terminals.coloursWanted(stdoutTerminal));
        KnownJids jids = new KnownJids();
        ConsoleHistory history = ConsoleHistory.open(ConsoleHistory.defaultFile());
        try (XmppClient client = options.builder().historySize(10_000).build()) {
            client.history().addListener(e -> {
                jids.learn(e);
                printer.live(e);
            });
            Await.until(client.connect(), deadline(), "the login");
            jids.add(client.jid().bare().toString());
            try (ConsoleInput in = editing ? onTerminal(history, jids) : new PipedConsoleInput(System.in)) {
                printer.sendTo(in::print);
                in.note("connected as " + client.jid() + "; type XML or :help");
                if (editing) {
                    Roster.of(client).fetch(); // its items become JIDs that Tab offers
                }
                try {
                    String entry;
                    while ((entry = in.read()) != null) {
                        history.add(entry.strip());
                        if (!handle(client, entry, printer, in)) {
                            break;
                        }
                    }
                } finally {
                    printer.sendTo(StanzaPrinter::toStdout); // the disconnect's stanzas come after the terminal closes
                }
            }
            Await.until(client.disconnect(), deadline(), "the disconnect");
        }
        return ExitCodes.OK;
    }

    /** JLine on the terminal; should that fail, the plain reader, which works anywhere. */
    private static ConsoleInput onTerminal(ConsoleHistory history, KnownJids jids) {
        try {
            return TerminalConsoleInput.onSystemTerminal(history.entries(), new ConsoleCompletion(jids));
        } catch (IOException | RuntimeException e) {
            System.err.println("no line editing (" + e.getMessage() + "); reading plain lines");
            return new PipedConsoleInput(System.in);
        }
    }

    /** @return false to quit */
    private boolean handle(XmppClient client, String entry, StanzaPrinter printer, ConsoleInput in) throws IOException {
        String typed = entry.strip();
        if (typed.isEmpty()) {
            return true;
        }
        try {
            if (typed.startsWith(":")) {
                return command(client, typed, printer, in);
            }
            client.send(Stanza.parse(typed));
        } catch (IllegalArgumentException e) { // XML that is not one element, a bad JID, text XML cannot carry
            in.note("not sent: " + e.getMessage());
        }
        return true;
    }

    /** @return false to quit */
    private boolean command(XmppClient client, String line, StanzaPrinter printer, ConsoleInput in) throws IOException {
        String[] p = line.split("\\s+", 3);
        switch (p[0]) {
            case ":quit", ":q" -> {
                return false;
            }
            case ":msg" -> {
                if (p.length < 3) {
                    in.note("usage: :msg JID TEXT");
                } else {
                    client.send(Message.builder().to(p[1]).body(p[2]).build());
                }
            }
            case ":iq" -> {
                if (p.length < 3) {
                    in.note("usage: :iq JID NAMESPACE");
                } else {
                    client.sendIq(Iq.get(Jid.parse(p[1]), Stanza.builder("query").namespace(p[2]).build()))
                            .exceptionally(t -> {
                                in.note("iq failed: " + ExitCodes.cause(t).getMessage());
                                return null;
                            });
                }
            }
            case ":history" -> printer.history(client.history().entries());
            case ":filter" -> filter(line.substring(p[0].length()), printer, in);
            case ":save" -> {
                if (p.length < 2) {
                    in.note("usage: :save FILE");
                } else {
                    try (Writer w = Files.newBufferedWriter(Path.of(p[1]), StandardCharsets.UTF_8)) {
                        client.history().exportJsonLines(w);
                    }
                    in.note("saved " + client.history().entries().size() + " stanzas to " + p[1]);
                }
            }
            case ":help" -> in.note("XML, or:\n" + COMMANDS_HELP);
            default -> in.note("unknown command " + p[0] + " (:help)");
        }
        return true;
    }

    private static void filter(String argument, StanzaPrinter printer, ConsoleInput in) {
        if (argument.isBlank()) {
            in.note("filter: " + printer.filter().spec());
            return;
        }
        ConsoleFilter f;
        try {
            f = ConsoleFilter.parse(argument);
        } catch (IllegalArgumentException e) {
            in.note(e.getMessage() + "; the filter stays " + printer.filter().spec());
            return;
        }
        printer.filter(f);
        in.note(f == ConsoleFilter.NONE ? "showing every stanza" : "showing only stanzas matching " + f.spec());
    }
}
