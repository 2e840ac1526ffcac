import io.github.strophejna.client.XmppClient;
import io.github.strophejna.scripting.SendAndDisconnect;
import io.github.strophejna.stanza.Message;
import java.time.Duration;
import java.util.List;

/**
 * The 4D plugin's "send message": log in, send, wait until the server has it, log out, exit 0 (or throw a
 * typed exception). Run: java ... SendOnce.java FROM_JID TO_JID TEXT (password in XMPP_PASSWORD).
 */
public final class SendOnce {

    public static void main(String[] args) throws Exception {
        XmppClient.Builder settings = XmppClient.builder().jid(args[0])
                .password(System.getenv("XMPP_PASSWORD").toCharArray());
        SendAndDisconnect.send(settings, Duration.ofSeconds(30),
                List.of(Message.builder().to(args[1]).body(args[2]).build().stanza()));
    }
}
