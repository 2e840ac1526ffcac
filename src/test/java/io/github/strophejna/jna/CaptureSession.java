package io.github.strophejna.jna;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One libstrophe context for one scenario of {@link LogLineCapture}: every log line with its level and area,
 * in order, and connections driven on the caller's thread through the raw binding. All callbacks are fields,
 * so they stay reachable while libstrophe holds their pointers.
 */
final class CaptureSession implements AutoCloseable {

    /** A log line as libstrophe handed it to the log handler. */
    record Line(int level, String area, String msg) {}

    /** Every line logged so far; libstrophe calls the handler only on the thread that drives it. */
    final List<Line> lines = new ArrayList<>();
    private final XmppLogHandler handler = (userdata, level, area, msg) ->
            lines.add(new Line(level, NativeStrings.utf8(area), NativeStrings.utf8(msg)));
    private final XmppLog logger = new XmppLog();
    final XmppCtx ctx;
    private final List<Conn> conns = new ArrayList<>();

    CaptureSession() {
        Strophe.xmpp_initialize();
        logger.handler = handler;
        logger.write();
        ctx = Strophe.xmpp_ctx_new(null, logger);
        if (ctx == null || ctx.getPointer() == null) {
            throw new IllegalStateException("xmpp_ctx_new returned NULL");
        }
    }

    /** Sets the context's verbosity: how many of libstrophe's verbose debug lines it logs. */
    void verbosity(int level) {
        Strophe.xmpp_ctx_set_verbosity(ctx, level);
    }

    /** @return a new connection, configured, not connected */
    Conn conn(String jid, String password, Path caFile, long flags) {
        Conn c = new Conn(jid, password, caFile, flags);
        conns.add(c);
        return c;
    }

    /** @return whether a logged message contains {@code text} */
    boolean logged(String text) {
        return lines.stream().anyMatch(l -> l.msg() != null && l.msg().contains(text));
    }

    /**
     * Runs libstrophe's loop until {@code done} holds.
     *
     * @throws IllegalStateException after {@code seconds}, naming {@code what}
     */
    void runUntil(BooleanSupplier done, String what, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s waiting for " + what);
            }
            Strophe.xmpp_run_once(ctx, new NativeLong(10));
        }
    }

    /** Runs the loop for a while, so the stream goes quiet. */
    void runFor(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            Strophe.xmpp_run_once(ctx, new NativeLong(10));
        }
    }

    @Override
    public void close() {
        for (Conn c : conns) {
            c.release();
        }
        Strophe.xmpp_ctx_free(ctx);
        Strophe.xmpp_shutdown();
    }

    /** A connection with its events and certificate refusals recorded. */
    final class Conn {
        final XmppConn conn;
        final List<Integer> events = new ArrayList<>();
        final List<String> refusedCertificates = new ArrayList<>();
        private boolean released;

        private final XmppConnHandler onEvent = (conn, event, error, streamError, userdata) -> events.add(event);
        /** Refuses every certificate libstrophe could not verify. */
        private final XmppCertFailHandler refuse = (cert, errormsg) -> {
            refusedCertificates.add(NativeStrings.utf8(errormsg));
            return 0;
        };

        Conn(String jid, String password, Path caFile, long flags) {
            conn = RawSession.newConnection(ctx, jid, password, caFile, flags);
            Strophe.xmpp_conn_set_certfail_handler(conn, refuse);
        }

        void connect(String host, int port) {
            int rc = Strophe.xmpp_connect_client(conn, host, new UnsignedShort(port), onEvent, Pointer.NULL);
            if (rc != 0) {
                events.add(-1); // refused synchronously: nothing more will come
            }
        }

        boolean connected() {
            return events.contains(StropheConstants.XMPP_CONN_CONNECT);
        }

        boolean ended() {
            return events.contains(StropheConstants.XMPP_CONN_DISCONNECT) || events.contains(-1)
                    || events.contains(StropheConstants.XMPP_CONN_FAIL);
        }

        /** Sends a stanza, then releases it. */
        void send(XmppStanza stanza) {
            Strophe.xmpp_send(conn, stanza);
            Strophe.xmpp_stanza_release(stanza);
        }

        /** Sends a chat message to this connection's own full JID, so the server sends one back. */
        void messageSelf(String id, String body) {
            XmppStanza m = Strophe.xmpp_message_new(ctx, "chat", Strophe.xmpp_conn_get_bound_jid(conn), id);
            Strophe.xmpp_message_set_body(m, body);
            send(m);
        }

        void presence() {
            send(Strophe.xmpp_presence_new(ctx));
        }

        void disconnect() {
            Strophe.xmpp_disconnect(conn);
        }

        /** Takes the Stream Management state (0.12+), after the connection ended. */
        XmppSmState takeSmState() {
            return StropheNewer.xmpp_conn_get_sm_state(conn);
        }

        /** Releases the connection now (closing it if open), between two passes of the loop. */
        void release() {
            if (!released) {
                released = true;
                Strophe.xmpp_conn_release(conn);
            }
        }
    }
}
