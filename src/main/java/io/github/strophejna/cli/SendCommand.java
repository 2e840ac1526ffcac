package io.github.strophejna.cli;

import io.github.strophejna.scripting.SendAndDisconnect;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strophe send}: one message to each recipient, confirmed by the server, then exit. */
@Command(name = "send", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Send a message (the argument, or stdin when it is '-' or absent) to every --to, wait until the"
                + " server has them, disconnect.")
final class SendCommand extends Subcommand {

    @Option(names = "--to", required = true, description = "a recipient (repeat for several)")
    List<String> to;

    @Option(names = "--type", defaultValue = "chat", description = "chat (default), normal, headline or groupchat")
    String type;

    @Option(names = "--subject", description = "a subject")
    String subject;

    @Option(names = "--thread", description = "a thread id")
    String thread;

    @Option(names = "--id", description = "the message id (default: random; with several recipients, ID-1, ID-2, ...)")
    String id;

    @Option(names = "--lang", description = "the xml:lang")
    String lang;

    @Option(names = "--attr", paramLabel = "NAME=VALUE", description = "an extra attribute on the message (repeatable)")
    List<String> attributes = new ArrayList<>();

    @Parameters(arity = "0..1", paramLabel = "MESSAGE", description = "the body; '-' or nothing reads stdin")
    String body;

    @Override
    public Integer call() throws Exception {
        String text = body == null || body.equals("-") ? readStdin() : body;
        Message.Type t;
        try {
            t = Message.Type.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UsageException("--type must be chat, normal, headline or groupchat, not '" + type + "'");
        }
        List<Stanza> messages = new ArrayList<>();
        for (int i = 0; i < to.size(); i++) {
            Message.Builder b = Message.builder().to(to.get(i)).type(t).body(text).lang(lang);
            if (id != null) {
                b.id(to.size() == 1 ? id : id + "-" + (i + 1));
            }
            if (subject != null) {
                b.subject(subject);
            }
            if (thread != null) {
                b.thread(thread);
            }
            for (String a : attributes) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new ExitCodes.UsageException("--attr needs NAME=VALUE, not '" + a + "'");
                }
                b.attribute(a.substring(0, eq), a.substring(eq + 1));
            }
            messages.add(b.build().stanza());
        }
        SendAndDisconnect.send(options.builder(), options.timeout(), messages);
        return ExitCodes.OK;
    }

    private static String readStdin() throws IOException {
        String s = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
