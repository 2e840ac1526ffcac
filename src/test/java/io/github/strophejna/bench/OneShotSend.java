package io.github.strophejna.bench;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.scripting.SendAndDisconnect;
import io.github.strophejna.stanza.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * This library's side of scripts/bench.sh's "oneshot" workload: a whole process that logs in, sends one
 * message with {@link SendAndDisconnect} (so the server has confirmed it) and exits.
 * Args: FROM_JID TO_JID HOST PORT CAFILE; the password comes from XMPP_PASSWORD.
 */
public final class OneShotSend {

    private OneShotSend() {
    }

    public static void main(String[] a) throws Exception {
        XmppClient.Builder b = XmppClient.builder().jid(a[0]).password(System.getenv("XMPP_PASSWORD").toCharArray())
                .host(a[2]).port(Integer.parseInt(a[3])).caFile(Path.of(a[4]));
        SendAndDisconnect.send(b, Duration.ofSeconds(30), List.of(Message.builder().to(a[1]).body("one shot").build().stanza()));
    }
}
