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
 * The seeds' echo bot: answers every chat message with its body, answers ping, version and time (and disco,
 * which each responder switches on), reconnects when the connection drops.
 * Run: java -cp strophe-jna.jar:jna.jar:slf4j-api.jar EchoBot.java JID (password in XMPP_PASSWORD).
 */
public final class EchoBot {

    public static void main(String[] args) throws Exception {
        try (XmppClient bot = XmppClient.builder()
                .jid(args[0])
                .password(System.getenv("XMPP_PASSWORD").toCharArray())
                .reconnect(ReconnectPolicy.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .build()) {
            Ping.of(bot).respond();
            EntityTime.of(bot).respond();
            SoftwareVersion.of(bot).respond(new SoftwareVersion.Version("strophe-jna echo bot", "1.0", null));
            bot.onMessage(m -> {
                if (m.type() == Message.Type.CHAT && m.body() != null) {
                    Message.Builder reply = Message.builder().to(m.from()).body(m.body());
                    if (m.thread() != null) {
                        reply.thread(m.thread());
                    }
                    bot.send(reply.build());
                }
            });
            bot.connect().get();
            bot.send(Presence.builder().status("echoing").build());
            new CountDownLatch(1).await(); // until the process is stopped
        }
    }
}
