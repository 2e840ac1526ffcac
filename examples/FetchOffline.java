import io.github.strophejna.xep.offline.OfflineMessages;
import java.time.Duration;
import java.util.List;

/**
 * The 4D plugin's "connect": log in, collect the messages the server stored while the account was offline
 * (each with the time it was sent, from its delay stamp), log out, print them, exit. Collected messages are
 * not delivered again at the next login. Exit status 0 (even when there was nothing), or the failure's.
 *
 * <pre>scripts/example FetchOffline --jid alice@example.org</pre>
 */
public final class FetchOffline {

    public static void main(String[] args) throws Exception {
        ExampleOptions options = ExampleOptions.parse(args, "FetchOffline --jid JID [--quiet 1s] [--timeout 30s]");
        try {
            // quiet: how long the stream must stay silent after the server's flush before we leave
            List<OfflineMessages.Collected> messages = OfflineMessages.collect(options.client(),
                    options.duration("quiet", Duration.ofSeconds(1)), options.duration("timeout", Duration.ofSeconds(30)));
            for (OfflineMessages.Collected c : messages) {
                System.out.println((c.stamp() == null ? "(no stamp)" : c.stamp()) + " " + c.message().from() + ": "
                        + c.message().body());
            }
            System.out.println(messages.size() + (messages.size() == 1 ? " message" : " messages"));
        } catch (Exception e) {
            ExampleOptions.exit(e);
        }
    }
}
