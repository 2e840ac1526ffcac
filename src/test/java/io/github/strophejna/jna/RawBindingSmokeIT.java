package io.github.strophejna.jna;

import static io.github.strophejna.jna.StropheConstants.XMPP_CONN_CONNECT;
import static io.github.strophejna.jna.StropheConstants.XMPP_CONN_DISCONNECT;
import static io.github.strophejna.jna.StropheConstants.XMPP_CONN_FLAG_LEGACY_SSL;
import static io.github.strophejna.jna.StropheConstants.XMPP_CONN_FLAG_MANDATORY_TLS;
import static io.github.strophejna.jna.StropheConstants.XMPP_CERT_SUBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
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

    private XmppCtx ctx;
    /** Every line libstrophe logged, "area: message". */
    private final List<String> log = new CopyOnWriteArrayList<>();
    /** Held here so the GC cannot collect it while libstrophe calls it. */
    private final XmppLogHandler logHandler = (userdata, level, area, msg) ->
            log.add(NativeStrings.utf8(area) + ": " + NativeStrings.utf8(msg));
    private XmppLog logger;

    @BeforeEach
    void newContext() {
        LibStrophe.load();
        Strophe.xmpp_initialize();
        logger = new XmppLog();
        logger.handler = logHandler;
        logger.write();
        ctx = Strophe.xmpp_ctx_new(null, logger);
        Strophe.xmpp_ctx_set_verbosity(ctx, 0);
        assertNotNull(ctx.getPointer(), "xmpp_ctx_new returned NULL");
    }

    @AfterEach
    void freeContext() {
        Strophe.xmpp_ctx_free(ctx);
        Strophe.xmpp_shutdown();
    }

    @Test
    void starttlsScramLoginAndMessageThroughHandler(ProsodyServer server) {
        TestAccount alice = server.createAccount("alice");
        TestAccount bob = server.createAccount("bob");
        RawConnection sender = new RawConnection(ctx, alice, "smoke", server.caFile(), XMPP_CONN_FLAG_MANDATORY_TLS);
        RawConnection receiver = new RawConnection(ctx, bob, "smoke", server.caFile(), XMPP_CONN_FLAG_MANDATORY_TLS);
        sender.connect(server.host(), server.c2sPort());
        receiver.connect(server.host(), server.c2sPort());
        runUntil(() -> sender.connected() && receiver.connected(), "both logins");

        assertEquals(1, Strophe.xmpp_conn_is_secured(sender.conn), "stream is not encrypted");
        assertTrue(Strophe.xmpp_conn_get_bound_jid(sender.conn).startsWith(alice.jid() + "/"),
                "bound JID: " + Strophe.xmpp_conn_get_bound_jid(sender.conn));
        assertTrue(log.stream().anyMatch(l -> l.contains("mechanism=\"SCRAM-SHA-")),
                "no SCRAM authentication in libstrophe's log");

        XmppStanza message = Strophe.xmpp_message_new(ctx, "chat", bob.jid("smoke"), "smoke-1");
        assertEquals(StropheConstants.XMPP_EOK, Strophe.xmpp_message_set_body(message, BODY));
        Strophe.xmpp_send(sender.conn, message);
        Strophe.xmpp_stanza_release(message);

        runUntil(() -> !receiver.messages.isEmpty(), "the message at the receiver");
        assertEquals(List.of(alice.jid("smoke") + " smoke-1 " + BODY), receiver.messages);

        sender.disconnect();
        receiver.disconnect();
        runUntil(() -> sender.disconnected() && receiver.disconnected(), "both disconnects");
        assertEquals(0, sender.lastError, "sender disconnected with an error");
        sender.release();
        receiver.release();
    }

    @Test
    void directTlsLogin(ProsodyServer server) {
        TestAccount carol = server.createAccount("carol");
        RawConnection c = new RawConnection(ctx, carol, "direct", server.caFile(), XMPP_CONN_FLAG_LEGACY_SSL);
        c.connect(server.host(), server.directTlsPort());
        runUntil(c::connected, "direct TLS login");
        assertEquals(1, Strophe.xmpp_conn_is_secured(c.conn));
        c.disconnect();
        runUntil(c::disconnected, "disconnect");
        c.release();
    }

    @Test
    void untrustedCertificateFailsThroughCertfailHandler(ProsodyServer server) {
        TestAccount dave = server.createAccount("dave");
        List<String> refused = new CopyOnWriteArrayList<>();
        XmppCertFailHandler rejectAll = (cert, errormsg) -> {
            refused.add(Strophe.xmpp_tlscert_get_string(cert, XMPP_CERT_SUBJECT) + " | " + NativeStrings.utf8(errormsg));
            return 0;
        };
        RawConnection c = new RawConnection(ctx, dave, "nocafile", null, XMPP_CONN_FLAG_MANDATORY_TLS);
        Strophe.xmpp_conn_set_certfail_handler(c.conn, rejectAll);
        c.connect(server.host(), server.c2sPort());
        runUntil(c::disconnected, "the refused connection to end");

        assertFalse(c.connected(), "logged in although the certificate is not trusted");
        assertEquals(1, refused.size(), "certfail handler calls: " + refused);
        assertTrue(refused.get(0).contains("localhost"), refused.get(0));
        c.release();
        assertNotNull(rejectAll); // reachable until here: libstrophe held its pointer
    }

    private void runUntil(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; libstrophe said:\n"
                        + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())));
            }
            Strophe.xmpp_run_once(ctx, new NativeLong(10));
        }
    }

    /** One connection with its callbacks held strongly and its events recorded. */
    private static final class RawConnection {
        final XmppCtx ctx;
        final XmppConn conn;
        final List<Integer> events = new CopyOnWriteArrayList<>();
        final List<String> messages = new CopyOnWriteArrayList<>();
        volatile int lastError;

        final XmppHandler onMessage = (conn, stanza, userdata) -> {
            String body = NativeStrings.take(Strophe.xmpp_stanza_get_context(stanza), Strophe.xmpp_message_get_body(stanza));
            if (body != null) {
                messages.add(Strophe.xmpp_stanza_get_from(stanza) + " " + Strophe.xmpp_stanza_get_id(stanza) + " " + body);
            }
            return 1; // keep the handler
        };

        final XmppConnHandler onEvent = (conn, event, error, streamError, userdata) -> {
            events.add(event);
            lastError = error;
            if (event == XMPP_CONN_CONNECT) {
                Strophe.xmpp_handler_add(conn, this.onMessage, null, "message", null, Pointer.NULL);
                XmppStanza presence = Strophe.xmpp_presence_new(Strophe.xmpp_conn_get_context(conn));
                Strophe.xmpp_send(conn, presence);
                Strophe.xmpp_stanza_release(presence);
            }
        };

        RawConnection(XmppCtx ctx, TestAccount account, String resource, Path caFile, long flags) {
            this.ctx = ctx;
            this.conn = Strophe.xmpp_conn_new(ctx);
            StropheNewer.requireFlags(flags);
            assertEquals(0, Strophe.xmpp_conn_set_flags(conn, new NativeLong(flags)));
            Strophe.xmpp_conn_set_jid(conn, account.jid(resource));
            Strophe.xmpp_conn_set_pass(conn, account.password());
            if (caFile != null) {
                Strophe.xmpp_conn_set_cafile(conn, caFile.toString());
            }
        }

        void connect(String host, int port) {
            assertEquals(0, Strophe.xmpp_connect_client(conn, host, new UnsignedShort(port), onEvent, Pointer.NULL));
        }

        boolean connected() {
            return events.contains(XMPP_CONN_CONNECT);
        }

        boolean disconnected() {
            return events.contains(XMPP_CONN_DISCONNECT);
        }

        void disconnect() {
            Strophe.xmpp_disconnect(conn);
        }

        void release() {
            Strophe.xmpp_conn_release(conn);
        }
    }
}
