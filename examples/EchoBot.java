import io.github.strophejna.client.ConnectionState;
import io.github.strophejna.client.ReconnectPolicy;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.xep.ping.Ping;
import io.github.strophejna.xep.time.EntityTime;
import io.github.strophejna.xep.version.SoftwareVersion;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The seeds' echo bot: answers every chat message with its own body (in the same thread), answers ping,
 * software version and time (and disco, which each of them switches on), and reconnects when the
 * connection drops. Runs until stopped (Ctrl-C).
 *
 * <pre>scripts/example EchoBot --jid bot@example.org   (password in XMPP_PASSWORD)</pre>
 */
public final class EchoBot {

    public static void main(String[] args) throws Exception {
        ExampleOptions options = ExampleOptions.parse(args, "EchoBot --jid JID [connection options]");
        XmppClient bot = options.client()
                .reconnect(ReconnectPolicy.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bot.close(); // a clean stream close, so the server knows at once that the bot left
            stopped.countDown();
        }));
        Ping.of(bot).respond();
        EntityTime.of(bot).respond();
        SoftwareVersion.of(bot).respond(new SoftwareVersion.Version("strophe-jna echo bot", "1.0", null));
        // handlers run on the client's loop thread: keep them short, never block on a future there
        bot.onMessage(m -> {
            if (m.type() == Message.Type.CHAT && m.body() != null) {
                Message.Builder reply = Message.builder().to(m.from()).type(Message.Type.CHAT).body(m.body());
                if (m.thread() != null) {
                    reply.thread(m.thread());
                }
                bot.send(reply.build());
                System.out.println("echoed to " + m.from() + ": " + m.body());
            }
        });
        bot.onStateChange(change -> {
            if (change.state() == ConnectionState.DISCONNECTED && change.cause() != null) {
                System.out.println("connection lost (" + change.cause().getMessage() + "), reconnecting");
            } else if (change.state() == ConnectionState.CONNECTED || change.state() == ConnectionState.RESUMED) {
                bot.send(Presence.builder().status("echoing").build()); // available again, after a reconnect too
                System.out.println("echo bot online as " + bot.jid());
            }
        });
        try {
            bot.connect().get();
        } catch (Exception e) {
            ExampleOptions.exit(e);
        }
        stopped.await();
    }
}
