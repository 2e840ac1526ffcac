package io.github.strophejna.bench.smack;

import java.nio.file.Path;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Smack 4.4's side of scripts/bench.sh's "oneshot" workload: a whole process that logs in, sends one
 * message, waits for a ping to the server to come back behind it (so the server has the message, as the
 * C program and this library's SendAndDisconnect make sure) and exits.
 * Args: FROM_JID TO_JID HOST PORT CAFILE; the password comes from XMPP_PASSWORD.
 */
public final class SmackOneShot {

    private SmackOneShot() {
    }

    public static void main(String[] a) throws Exception {
        XMPPTCPConnection connection = SmackSetup.connection(a[0], System.getenv("XMPP_PASSWORD"), a[2],
                Integer.parseInt(a[3]), Path.of(a[4]));
        connection.connect().login();
        connection.sendStanza(connection.getStanzaFactory().buildMessageStanza().to(JidCreate.from(a[1]))
                .ofType(Message.Type.chat).setBody("one shot").build());
        if (!PingManager.getInstanceFor(connection).pingMyServer(false)) {
            throw new IllegalStateException("the server did not confirm");
        }
        connection.disconnect();
        System.exit(0);
    }
}
