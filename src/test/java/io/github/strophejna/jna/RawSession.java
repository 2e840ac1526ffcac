package io.github.strophejna.jna;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A libstrophe context with its connections, driven on the caller's thread through the raw binding only,
 * the way libstrophe's own examples are written. Test support for the binding's smoke test and the demo:
 * every callback object is a field, so it stays reachable while libstrophe holds its pointer.
 */
public final class RawSession implements AutoCloseable {

    /** A stanza seen by a connection: its time, direction ("in"/"out"), owner and XML. */
    public record LoggedStanza(LocalTime time, String direction, String who, String xml) {
        @Override
        public String toString() {
            return time + " " + (direction.equals("in") ? "<-" : "->") + " " + who + "  " + xml;
        }
    }

    final XmppCtx ctx;
    /** Every line libstrophe logged, "area: message". */
    public final List<String> libstropheLog = new CopyOnWriteArrayList<>();
    /** Stanzas sent and received after login, in order. */
    public final List<LoggedStanza> stanzas = new CopyOnWriteArrayList<>();
    private final XmppLogHandler logHandler = (userdata, level, area, msg) ->
            libstropheLog.add(NativeStrings.utf8(area) + ": " + NativeStrings.utf8(msg));
    private final XmppLog logger = new XmppLog();
    private final List<Connection> connections = new ArrayList<>();

    /** A new context whose log goes to {@link #libstropheLog}. */
    public RawSession() {
        LibStrophe.load();
        Strophe.xmpp_initialize();
        logger.handler = logHandler;
        logger.write();
        ctx = Strophe.xmpp_ctx_new(null, logger);
        if (ctx == null || ctx.getPointer() == null) {
            throw new IllegalStateException("xmpp_ctx_new returned NULL");
        }
    }

    private static LocalTime now() {
        return LocalTime.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** @return the context (owned by this session) */
    public XmppCtx ctx() {
        return ctx;
    }

    /**
     * A connection, not yet connected.
     *
     * @param jid full JID to log in as
     * @param password its password
     * @param caFile CA file to verify the server with, or null for the system's trust store
     * @param flags connection flags
     * @return the connection
     */
    public Connection connection(String jid, String password, Path caFile, long flags) {
        Connection c = new Connection(jid, password, caFile, flags);
        connections.add(c);
        return c;
    }

    /**
     * Runs libstrophe's loop on this thread until {@code done} holds.
     *
     * @param done the condition
     * @param what what is awaited, for the timeout's message
     */
    public void runUntil(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; libstrophe said:\n"
                        + String.join("\n", libstropheLog.subList(Math.max(0, libstropheLog.size() - 30), libstropheLog.size())));
            }
            Strophe.xmpp_run_once(ctx, new NativeLong(10));
        }
    }

    /** Releases the connections and frees the context. */
    @Override
    public void close() {
        for (Connection c : connections) {
            Strophe.xmpp_conn_release(c.conn);
        }
        connections.clear();
        Strophe.xmpp_ctx_free(ctx);
        Strophe.xmpp_shutdown();
    }

    /** The stanza as XML: xmpp_stanza_to_text's buffer, read as UTF-8 by its length, then freed. */
    static String text(XmppStanza stanza) {
        PointerByReference buf = new PointerByReference();
        SizeT.ByReference len = new SizeT.ByReference();
        if (Strophe.xmpp_stanza_to_text(stanza, buf, len) != StropheConstants.XMPP_EOK) {
            return "(unprintable stanza)";
        }
        Pointer p = buf.getValue();
        try {
            return new String(p.getByteArray(0, (int) len.getValue()), StandardCharsets.UTF_8);
        } finally {
            Strophe.xmpp_free(Strophe.xmpp_stanza_get_context(stanza), p);
        }
    }

    /** One connection with its callbacks held strongly and its events recorded. */
    public final class Connection {
        public final XmppConn conn;
        final String jid;
        public final List<Integer> events = new CopyOnWriteArrayList<>();
        /** "from id body" of every message with a body. */
        public final List<String> messages = new CopyOnWriteArrayList<>();
        public volatile int lastError;

        /** Releases this connection now (closing it if connected), between two passes. */
        public void release() {
            if (connections.remove(this)) {
                Strophe.xmpp_conn_release(conn);
            }
        }

        final XmppHandler onStanza = (conn, stanza, userdata) -> {
            stanzas.add(new LoggedStanza(now(), "in", shortName(), text(stanza)));
            if ("message".equals(Strophe.xmpp_stanza_get_name(stanza))) {
                String body = NativeStrings.take(ctx, Strophe.xmpp_message_get_body(stanza));
                if (body != null) {
                    messages.add(Strophe.xmpp_stanza_get_from(stanza) + " " + Strophe.xmpp_stanza_get_id(stanza) + " " + body);
                }
            }
            return 1; // keep the handler
        };

        final XmppConnHandler onEvent = (conn, event, error, streamError, userdata) -> {
            events.add(event);
            lastError = error;
            if (event == StropheConstants.XMPP_CONN_CONNECT) {
                Strophe.xmpp_handler_add(conn, this.onStanza, null, null, null, Pointer.NULL);
                XmppStanza presence = Strophe.xmpp_presence_new(ctx);
                send(presence);
                Strophe.xmpp_stanza_release(presence);
            }
        };

        Connection(String jid, String password, Path caFile, long flags) {
            this.jid = jid;
            this.conn = newConnection(ctx, jid, password, caFile, flags);
        }

        private String shortName() {
            return jid.substring(0, jid.indexOf('@'));
        }

        /**
         * Starts connecting (the loop does the rest).
         *
         * @param host server address
         * @param port server port
         */
        public void connect(String host, int port) {
            int rc = Strophe.xmpp_connect_client(conn, host, new UnsignedShort(port), onEvent, Pointer.NULL);
            if (rc != 0) {
                throw new IllegalStateException("xmpp_connect_client returned " + rc);
            }
        }

        /**
         * Sends a stanza and logs it; the caller still owns (and releases) it.
         *
         * @param stanza the stanza
         */
        public void send(XmppStanza stanza) {
            stanzas.add(new LoggedStanza(now(), "out", shortName(), text(stanza)));
            Strophe.xmpp_send(conn, stanza);
        }

        public boolean connected() {
            return events.contains(StropheConstants.XMPP_CONN_CONNECT);
        }

        public boolean disconnected() {
            return events.contains(StropheConstants.XMPP_CONN_DISCONNECT);
        }

        public void disconnect() {
            Strophe.xmpp_disconnect(conn);
        }
    }

    /** A raw connection with its flags, JID, password and CA file set: how every raw test connection starts. */
    static XmppConn newConnection(XmppCtx ctx, String jid, String password, Path caFile, long flags) {
        XmppConn conn = Strophe.xmpp_conn_new(ctx);
        StropheNewer.requireFlags(flags);
        if (Strophe.xmpp_conn_set_flags(conn, new NativeLong(flags)) != 0) {
            throw new IllegalArgumentException("flags refused: " + flags);
        }
        Strophe.xmpp_conn_set_jid(conn, jid);
        try (NativeStrings.Secret secret = NativeStrings.secret(password.toCharArray())) {
            Strophe.xmpp_conn_set_pass(conn, secret.pointer());
        }
        if (caFile != null) {
            Strophe.xmpp_conn_set_cafile(conn, caFile.toString());
        }
        return conn;
    }
}
