import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The 4D plugin's "send message": log in, send one message to each recipient, wait until the server has
 * them all (nothing is lost by disconnecting early), log out, and exit with a status a script can test:
 * 0 sent, 1 refused by the server (an unknown recipient), 2 bad arguments, 3 wrong password, 4 no
 * connection or a TLS failure, 5 timeout. The body is the words after the options, or standard input.
 *
 * <pre>scripts/example SendAndDisconnect --jid bot@example.org --to alice@example.org "backup finished"</pre>
 */
public final class SendAndDisconnect {

    public static void main(String[] args) throws Exception {
        String usage = "SendAndDisconnect --jid JID --to JID [--to JID ...] [--timeout 30s] [TEXT...] (or the text on stdin)";
        ExampleOptions options = ExampleOptions.parse(args, usage);
        if (options.values("to").isEmpty()) {
            ExampleOptions.usageError(usage, "--to is needed");
        }
        String body = options.positional().isEmpty() ? readStdin() : String.join(" ", options.positional());
        try {
            List<Stanza> messages = new ArrayList<>();
            for (String to : options.values("to")) {
                messages.add(Message.builder().to(to).type(Message.Type.CHAT).body(body).build().stanza());
            }
            // returns once the server has answered a ping queued behind the messages: they are all on the server
            io.github.strophejna.scripting.SendAndDisconnect.send(options.client(),
                    options.duration("timeout", Duration.ofSeconds(30)), messages);
            System.out.println("sent to " + String.join(", ", options.values("to")));
        } catch (Exception e) {
            ExampleOptions.exit(e); // a bad JID or body is status 2, an error answer status 1, ...
        }
    }

    private static String readStdin() throws IOException {
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
