package io.github.strophejna.jna;

import static io.github.strophejna.jna.StropheConstants.XMPP_CERT_SUBJECT;
import static io.github.strophejna.jna.StropheConstants.XMPP_CONN_FLAG_LEGACY_SSL;
import static io.github.strophejna.jna.StropheConstants.XMPP_CONN_FLAG_MANDATORY_TLS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated binding alone, used the way libstrophe's basic example uses the C API: STARTTLS (or
 * direct TLS), SCRAM login, a message from one account to another through a stanza handler, a clean
 * disconnect. Certificate verification stays on throughout.
 */
@WithProsody
class RawBindingSmokeIT {

    private static final String BODY = "héllo ✓ 😀 你好 שלום <&'\">";

    private RawSession session;

    @BeforeEach
    void newSession() {
        session = new RawSession();
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    @Test
    void starttlsScramLoginAndMessageThroughHandler(ProsodyServer server) {
        TestAccount alice = server.createAccount("alice");
        TestAccount bob = server.createAccount("bob");
        RawSession.Connection sender = session.connection(alice.jid("smoke"), alice.password(), server.caFile(),
                XMPP_CONN_FLAG_MANDATORY_TLS);
        RawSession.Connection receiver = session.connection(bob.jid("smoke"), bob.password(), server.caFile(),
                XMPP_CONN_FLAG_MANDATORY_TLS);
        sender.connect(server.host(), server.c2sPort());
        receiver.connect(server.host(), server.c2sPort());
        session.runUntil(() -> sender.connected() && receiver.connected(), "both logins");

        assertEquals(1, Strophe.xmpp_conn_is_secured(sender.conn), "stream is not encrypted");
        assertTrue(Strophe.xmpp_conn_get_bound_jid(sender.conn).startsWith(alice.jid() + "/"),
                "bound JID: " + Strophe.xmpp_conn_get_bound_jid(sender.conn));
        assertTrue(session.libstropheLog.stream().anyMatch(l -> l.contains("mechanism=\"SCRAM-SHA-")),
                "no SCRAM authentication in libstrophe's log");

        XmppStanza message = Strophe.xmpp_message_new(session.ctx, "chat", bob.jid("smoke"), "smoke-1");
        assertEquals(StropheConstants.XMPP_EOK, Strophe.xmpp_message_set_body(message, BODY));
        sender.send(message);
        Strophe.xmpp_stanza_release(message);

        session.runUntil(() -> !receiver.messages.isEmpty(), "the message at the receiver");
        assertEquals(List.of(alice.jid("smoke") + " smoke-1 " + BODY), receiver.messages);

        sender.disconnect();
        receiver.disconnect();
        session.runUntil(() -> sender.disconnected() && receiver.disconnected(), "both disconnects");
        assertEquals(0, sender.lastError, "sender disconnected with an error");
    }

    @Test
    void directTlsLogin(ProsodyServer server) {
        TestAccount carol = server.createAccount("carol");
        RawSession.Connection c = session.connection(carol.jid("direct"), carol.password(), server.caFile(),
                XMPP_CONN_FLAG_LEGACY_SSL);
        c.connect(server.host(), server.directTlsPort());
        session.runUntil(c::connected, "direct TLS login");
        assertEquals(1, Strophe.xmpp_conn_is_secured(c.conn));
        c.disconnect();
        session.runUntil(c::disconnected, "disconnect");
    }

    @Test
    void untrustedCertificateFailsThroughCertfailHandler(ProsodyServer server) {
        TestAccount dave = server.createAccount("dave");
        List<String> refused = new CopyOnWriteArrayList<>();
        XmppCertFailHandler rejectAll = (cert, errormsg) -> {
            refused.add(Strophe.xmpp_tlscert_get_string(cert, XMPP_CERT_SUBJECT) + " | " + NativeStrings.utf8(errormsg));
            return 0;
        };
        RawSession.Connection c = session.connection(dave.jid("nocafile"), dave.password(), null, XMPP_CONN_FLAG_MANDATORY_TLS);
        Strophe.xmpp_conn_set_certfail_handler(c.conn, rejectAll);
        c.connect(server.host(), server.c2sPort());
        if (LibStrophe.version().major() == 0 && LibStrophe.version().minor() == 13) {
            // 0.13.x leaves the connection writing through a freed TLS session after the failed handshake, and
            // libstrophe's next pass crashes (see client.LibraryFeatures): a raw user must release it first
            session.runUntil(() -> !refused.isEmpty(), "the certificate refusal");
            c.release();
        }
        session.runUntil(c::disconnected, "the refused connection to end");

        assertFalse(c.connected(), "logged in although the certificate is not trusted");
        assertEquals(1, refused.size(), "certfail handler calls: " + refused);
        assertTrue(refused.get(0).contains("localhost"), refused.get(0));
        assertNotNull(rejectAll); // reachable until here: libstrophe held its pointer
    }
}
