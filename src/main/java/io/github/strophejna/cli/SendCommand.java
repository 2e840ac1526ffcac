package io.github.strophejna.cli;

import io.github.strophejna.scripting.SendAndDisconnect;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code strophe send}: one message to each recipient, confirmed by the server, then exit. */
final class SendCommand extends Subcommand {

    static final String DESCRIPTION = "Send a message (the argument, or stdin when it is '-' or absent) to every --to,"
            + " wait until the server has them, disconnect.";

    @Override
    void declare(CommandSpec spec) {
        spec.description(DESCRIPTION);
        spec.option("--to", "JID", "a recipient (repeat for several)").required().repeatable();
        spec.option("--type", "TYPE", "chat (default), normal, headline or groupchat").defaultValue("chat");
        spec.option("--subject", "TEXT", "a subject");
        spec.option("--thread", "ID", "a thread id");
        spec.option("--id", "ID", "the message id (default: random; with several recipients, ID-1, ID-2, ...)");
        spec.option("--lang", "LANG", "the xml:lang");
        spec.option("--attr", "NAME=VALUE", "an extra attribute on the message (repeatable)").repeatable();
        spec.positional("MESSAGE", "the body; '-' or nothing reads stdin").optional();
    }

    @Override
    int run(ParsedArgs args) throws Exception {
        List<String> to = args.list("--to");
        String type = args.string("--type");
        String body = args.string("MESSAGE");
        String text = MessageText.check(body == null || body.equals("-") ? MessageText.fromStdin(System.in) : body,
                "the message body");
        MessageText.check(args.string("--subject"), "--subject");
        MessageText.check(args.string("--thread"), "--thread");
        Message.Type t;
        try {
            t = Message.Type.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UsageException("--type must be chat, normal, headline or groupchat, not '" + type + "'");
        }
        List<Stanza> messages;
        try {
            messages = build(args, to, t, text);
        } catch (IllegalArgumentException e) { // a bad --to (an InvalidJidException), or an --id, --lang, --attr
            throw new ExitCodes.UsageException(e.getMessage());
        }
        SendAndDisconnect.send(options.builder(), options.timeout(), messages);
        return ExitCodes.OK;
    }

    private static List<Stanza> build(ParsedArgs args, List<String> to, Message.Type t, String text) {
        String id = args.string("--id");
        String subject = args.string("--subject");
        String thread = args.string("--thread");
        List<Stanza> messages = new ArrayList<>();
        for (int i = 0; i < to.size(); i++) {
            Message.Builder b = Message.builder().to(to.get(i)).type(t).body(text).lang(args.string("--lang"));
            if (id != null) {
                b.id(to.size() == 1 ? id : id + "-" + (i + 1));
            }
            if (subject != null) {
                b.subject(subject);
            }
            if (thread != null) {
                b.thread(thread);
            }
            for (String a : args.list("--attr")) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new ExitCodes.UsageException("--attr needs NAME=VALUE, not '" + a + "'");
                }
                b.attribute(a.substring(0, eq), a.substring(eq + 1));
            }
            messages.add(b.build().stanza());
        }
        return messages;
    }
}
