package io.github.strophejna.demo;

import io.github.strophejna.jna.LibStrophe;
import io.github.strophejna.jna.RawSession;
import io.github.strophejna.jna.StropheConstants;
import io.github.strophejna.jna.Strophe;
import io.github.strophejna.jna.XmppStanza;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;

/**
 * scripts/demo.sh: the whole path on a throwaway local Prosody. Two accounts log in over STARTTLS with
 * certificate verification on (the run's own CA file), one sends a message, the other receives it, and
 * the stanza log of both is printed. Exits non-zero when the message does not arrive.
 */
public final class EndToEndDemo {

    private EndToEndDemo() {
    }

    public static void main(String[] args) {
        System.out.println("libstrophe " + LibStrophe.load() + " from " + LibStrophe.origin());
        try (ProsodyServer server = ProsodyServer.start(); RawSession session = new RawSession()) {
            System.out.println("Prosody listening on " + server.host() + ":" + server.c2sPort() + " (STARTTLS)");
            TestAccount alice = server.createAccount("alice");
            TestAccount bob = server.createAccount("bob");
            RawSession.Connection a = session.connection(alice.jid("demo"), alice.password(), server.caFile(),
                    StropheConstants.XMPP_CONN_FLAG_MANDATORY_TLS);
            RawSession.Connection b = session.connection(bob.jid("demo"), bob.password(), server.caFile(),
                    StropheConstants.XMPP_CONN_FLAG_MANDATORY_TLS);
            a.connect(server.host(), server.c2sPort());
            b.connect(server.host(), server.c2sPort());
            session.runUntil(() -> a.connected() && b.connected(), "both logins");
            System.out.println("logged in: " + Strophe.xmpp_conn_get_bound_jid(a.conn) + " and "
                    + Strophe.xmpp_conn_get_bound_jid(b.conn));

            XmppStanza message = Strophe.xmpp_message_new(session.ctx(), "chat", bob.jid("demo"), "demo-1");
            Strophe.xmpp_message_set_body(message, "Hello from strophe-jna \uD83D\uDC4B");
            a.send(message);
            Strophe.xmpp_stanza_release(message);
            session.runUntil(() -> !b.messages.isEmpty(), "the message");
            System.out.println("received: " + b.messages.get(0));

            a.disconnect();
            b.disconnect();
            session.runUntil(() -> a.disconnected() && b.disconnected(), "disconnects");

            System.out.println("\nstanza log (after login; time, direction, account, XML):");
            session.stanzas.forEach(s -> System.out.println("  " + s));
        }
        System.out.println("\nserver stopped and deleted; done");
    }
}
