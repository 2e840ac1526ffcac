package io.github.strophejna.client;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.github.strophejna.jna.NativeStrings;
import io.github.strophejna.jna.SizeT;
import io.github.strophejna.jna.internal.SocketOptions;
import io.github.strophejna.jna.Strophe;
import io.github.strophejna.jna.StropheConstants;
import io.github.strophejna.jna.StropheNewer;
import io.github.strophejna.jna.UnsignedShort;
import io.github.strophejna.jna.XmppCertFailHandler;
import io.github.strophejna.jna.XmppConn;
import io.github.strophejna.jna.XmppConnHandler;
import io.github.strophejna.jna.XmppPasswordCallback;
import io.github.strophejna.jna.XmppSmCallback;
import io.github.strophejna.jna.XmppSmState;
import io.github.strophejna.jna.XmppSockOptCallback;
import io.github.strophejna.jna.XmppStreamError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code xmpp_conn_t} in its own {@link NativeContext}: its flags, the callbacks libstrophe calls (all held
 * in fields, so the garbage collector cannot free them while libstrophe may call them), its socket, its renewal
 * and its release. It knows no session: what libstrophe reports goes to {@link Events} as Java values. Loop
 * thread only, and never from inside a callback of this connection for {@link #connect}, {@link #replace} and
 * {@link #release} (libstrophe walks lists those free).
 *
 * <p>Incoming elements come from the "RECV:" lines of the context's log, which libstrophe writes for every
 * element it reads just before it runs handlers for it (Java code dispatches from there): no stanza handler is
 * registered, so there is one call into Java per element, the text is serialised once (by libstrophe, for that
 * line), and {@code xmpp_handler_delete}, which removes every registration sharing a function pointer, is never
 * needed. Outgoing stanzas are queued as bytes with {@code xmpp_send_raw}: no trip through libstrophe's
 * parser, which drops attribute namespaces (0.12 turns {@code xml:lang} into {@code lang}).
 */
final class NativeConnection {

    private static final Logger LOG = LoggerFactory.getLogger(NativeConnection.class);

    /** What libstrophe reports, translated; called on the loop thread from inside libstrophe's callbacks. */
    interface Events {
        /** A connection event ({@code XMPP_CONN_*}), with the socket error and the server's stream error, if any. */
        void connectionEvent(int event, int error, StreamErrorException streamError);

        /** An incoming element, as XML. */
        void element(String xml);

        /** @return true to accept a server certificate that failed verification */
        boolean acceptCertificate(CertificateInfo certificate);
    }

    /** How {@link #connect} opens the stream. */
    enum Mode { CLIENT, RAW, COMPONENT }

    private final ClientConfig config;
    private final Events events;
    private NativeContext context;
    private XmppConn conn;
    private int fd = -1;
    private boolean released;
    /** The socket libstrophe got was at or above FD_SETSIZE, which its select() cannot watch; -1 otherwise. */
    private int descriptorTooLarge = -1;
    private boolean componentPrepared;
    /** Fresh native connections put in place of a used one ({@link #replace}), and SM states lent to a component. */
    private int renewals;
    private int componentSmStatesLent;

    private final XmppConnHandler connHandler = this::onConnectionEvent;
    private final XmppSockOptCallback sockoptCallback = this::onSocket;
    private final XmppCertFailHandler certFailHandler = this::onCertificateFailure;
    private final XmppPasswordCallback keyPasswordCallback = this::onKeyPassword;
    private final XmppSmCallback smStateCallback = this::onSmState;
    /** For the component workaround's throwaway connection (see {@link #giveComponentAnSmState()}). */
    private final XmppSockOptCallback refuseSocket = (c, sock) -> -1;
    private final XmppConnHandler ignoreEvents = (c, event, error, streamError, userdata) -> { };
    /** The one receiver of this connection's elements, handed to its context's log while the stream is up. */
    private final java.util.function.Consumer<String> receiver = this::onElement;

    /**
     * @param context the context to live in, held from now on by this connection (a fresh one, or the one of a
     *        detached Stream Management state to resume)
     */
    NativeConnection(ClientConfig config, NativeContext context, Events events) {
        this.config = config;
        this.events = events;
        this.context = context;
        this.conn = newConfigured();
    }

    private XmppConn newConfigured() {
        XmppConn c = Strophe.xmpp_conn_new(context.ctx());
        if (c == null || c.getPointer() == null) {
            throw new IllegalStateException("xmpp_conn_new failed (out of memory?)");
        }
        try {
            configure(c);
        } catch (RuntimeException e) {
            Strophe.xmpp_conn_release(c);
            throw e;
        }
        return c;
    }

    private void configure(XmppConn c) {
        long flags = switch (config.tls()) {
            case REQUIRED -> StropheConstants.XMPP_CONN_FLAG_MANDATORY_TLS;
            case OPTIONAL -> 0;
            case DISABLED -> StropheConstants.XMPP_CONN_FLAG_DISABLE_TLS;
            case DIRECT -> StropheConstants.XMPP_CONN_FLAG_LEGACY_SSL;
        };
        if (config.trustAnyCertificate() && config.tls() != TlsPolicy.DISABLED) {
            flags |= StropheConstants.XMPP_CONN_FLAG_TRUST_TLS;
        }
        if (config.legacyAuth()) {
            flags |= StropheConstants.XMPP_CONN_FLAG_LEGACY_AUTH;
        }
        if (!config.streamManagement() && LibraryFeatures.STREAM_MANAGEMENT) {
            flags |= StropheConstants.XMPP_CONN_FLAG_DISABLE_SM; // 0.11 has no SM to disable
        }
        StropheNewer.requireFlags(flags);
        if (Strophe.xmpp_conn_set_flags(c, new NativeLong(flags)) != StropheConstants.XMPP_EOK) {
            throw new IllegalArgumentException("libstrophe refused the connection flags " + flags);
        }
        Strophe.xmpp_conn_set_jid(c, config.jid().toString());
        if (config.caFile() != null) {
            Strophe.xmpp_conn_set_cafile(c, config.caFile().toAbsolutePath().toString());
        }
        if (config.caPath() != null) {
            Strophe.xmpp_conn_set_capath(c, config.caPath().toAbsolutePath().toString());
        }
        if (config.clientCertificate() != null) {
            Strophe.xmpp_conn_set_client_cert(c, config.clientCertificate().toAbsolutePath().toString(),
                    config.clientKey() == null ? null : config.clientKey().toAbsolutePath().toString());
        }
        if (config.clientKeyPassword() != null) {
            LibraryFeatures.require(LibraryFeatures.KEY_PASSWORD_CALLBACK, "a client key password (Builder.clientKeyPassword)",
                    "xmpp_conn_set_password_callback");
            StropheNewer.xmpp_conn_set_password_callback(c, keyPasswordCallback, Pointer.NULL);
        }
        if (config.smStateSink() != null) {
            StropheNewer.xmpp_conn_set_sm_callback(c, smStateCallback, Pointer.NULL);
        }
        Strophe.xmpp_conn_set_certfail_handler(c, certFailHandler);
        if (LibraryFeatures.SOCKOPT_CALLBACK) {
            StropheNewer.xmpp_conn_set_sockopt_callback(c, sockoptCallback);
        } // else the socket comes from libstrophe 0.11's log, see socketFromLog()
    }

    /** @return what this connection's libstrophe log said */
    LogSignals signals() {
        return context.signals();
    }

    /** @return true while libstrophe waits for its TCP connect to complete */
    boolean tcpConnecting() {
        return !released && Strophe.xmpp_conn_is_connecting(conn) != 0;
    }

    /** @return the socket, or -1 */
    int fd() {
        return fd;
    }

    /** The socket turned out to be closed; forget it until libstrophe opens a new one. */
    void forgetFd() {
        fd = -1;
    }

    /** @return the descriptor refused as past FD_SETSIZE in this attempt, or -1 */
    int descriptorTooLarge() {
        return descriptorTooLarge;
    }

    boolean released() {
        return released;
    }

    /** One libstrophe pass: reads what arrived, writes what is queued, runs libstrophe's timers. */
    void runOnce() {
        context.runOnce();
    }

    /**
     * Starts connecting; the outcome comes as connection events.
     *
     * @return libstrophe's result ({@code XMPP_EOK} when started)
     */
    int connect(Mode mode, char[] password) {
        descriptorTooLarge = -1;
        context.signals().clear(); // a note of an earlier attempt must not describe this one
        receive(false);
        try (NativeStrings.Secret secret = NativeStrings.secret(password)) {
            Strophe.xmpp_conn_set_pass(conn, secret.pointer());
        }
        if (mode == Mode.COMPONENT && !componentPrepared) {
            giveComponentAnSmState();
            componentPrepared = true;
        }
        UnsignedShort port = new UnsignedShort(config.port());
        int rc = switch (mode) {
            case COMPONENT -> Strophe.xmpp_connect_component(conn, config.host(), port, connHandler, Pointer.NULL);
            case RAW -> Strophe.xmpp_connect_raw(conn, config.host(), port, connHandler, Pointer.NULL);
            case CLIENT -> Strophe.xmpp_connect_client(conn, config.host(), port, connHandler, Pointer.NULL);
        };
        if (rc == StropheConstants.XMPP_EOK && !LibraryFeatures.SOCKOPT_CALLBACK) {
            socketFromLog();
        }
        return rc;
    }

    /**
     * libstrophe 0.11 has no sockopt callback; its connect logs the new socket instead, from inside
     * xmpp_connect_client. The options the callback would set are set here, before the TCP handshake completes.
     */
    private void socketFromLog() {
        int descriptor = context.signals().takeSocket();
        if (descriptor < 0) {
            LOG.warn("{}: libstrophe did not log its socket; this connection is polled once a second", config.jid());
            return;
        }
        if (descriptor >= SocketOptions.FD_SETSIZE && !LibraryFeatures.POLL) {
            // libstrophe's next select() would abort the process: close it before any pass
            descriptorTooLarge = descriptor;
            replace(false);
            return;
        }
        applySocketOptions(descriptor);
    }

    /**
     * libstrophe (0.12 to 0.14 and master, stock) allocates a connection's Stream Management state only in
     * xmpp_connect_client, yet every send reads it: xmpp_connect_component then crashes the process on its
     * first write (a NULL dereference in _send_raw). A throwaway connection whose socket our sockopt callback
     * refuses fails synchronously after allocating one, still disconnected; its state is moved over. A library
     * with the project's {@code component-sm} fix allocates it in xmpp_connect_component itself: nothing to do.
     */
    private void giveComponentAnSmState() {
        if (!LibraryFeatures.STREAM_MANAGEMENT) {
            return; // 0.11 has no SM state, and its sends do not read one
        }
        if (LibraryFeatures.COMPONENT_SM) {
            return; // fixed: xmpp_connect_component gives the connection its state
        }
        componentSmStatesLent++;
        XmppConn tmp = Strophe.xmpp_conn_new(context.ctx());
        try {
            Strophe.xmpp_conn_set_jid(tmp, "sm-state@" + config.jid().domain());
            StropheNewer.xmpp_conn_set_sockopt_callback(tmp, refuseSocket);
            Strophe.xmpp_connect_client(tmp, "127.0.0.1", new UnsignedShort(1), ignoreEvents, Pointer.NULL);
            XmppSmState state = StropheNewer.xmpp_conn_get_sm_state(tmp);
            if (state == null || state.getPointer() == null) {
                throw new IllegalStateException("could not prepare the component connection (no SM state)");
            }
            if (StropheNewer.xmpp_conn_set_sm_state(conn, state) != StropheConstants.XMPP_EOK) {
                StropheNewer.xmpp_free_sm_state(state); // a newer libstrophe already gave the connection one
            }
        } finally {
            Strophe.xmpp_conn_release(tmp);
        }
        context.signals().clear(); // the throwaway's failure is not this connection's
    }

    /**
     * Puts a fresh, configured native connection in place of the current one and releases the old one, which
     * closes it if it is still open (libstrophe's conn_disconnect: the socket closed, no write, DISCONNECT
     * reported to {@link Events}). Used to close a connection that must not see another pass, and, on a library
     * without the {@code parser-reset} fix, before every attempt after the first (see ClientConnection's
     * startAttempt): a reused xmpp_conn_t carries state from its last stream that libstrophe does not reset.
     *
     * @param keepSmState move the Stream Management state over, so the next connect can resume the session
     * @return whether the SM state moved over (false when not asked, when there was none, or libstrophe refused)
     * @throws IllegalStateException when libstrophe cannot allocate a connection: the old one is released all
     *         the same (it must be closed) and nothing is left to use
     */
    boolean replace(boolean keepSmState) {
        XmppSmState sm = LibraryFeatures.STREAM_MANAGEMENT ? StropheNewer.xmpp_conn_get_sm_state(conn) : null; // ours now, or null
        XmppConn fresh;
        try {
            fresh = newConfigured();
        } catch (RuntimeException e) {
            freeSmState(sm);
            releaseConn();
            throw e;
        }
        XmppConn old = conn;
        conn = fresh;
        fd = -1;
        componentPrepared = false;
        renewals++;
        boolean kept = sm != null && sm.getPointer() != null && keepSmState
                && StropheNewer.xmpp_conn_set_sm_state(conn, sm) == StropheConstants.XMPP_EOK;
        if (!kept) {
            freeSmState(sm); // a session that cannot be resumed starts afresh
        }
        receive(false);
        Strophe.xmpp_conn_release(old);
        return kept;
    }

    /**
     * Frees the Stream Management state of the last stream, keeping this native connection (a library with the
     * {@code parser-reset} fix, before a new session): libstrophe would otherwise carry it into the new session,
     * resending after {@code <enabled/>} what the last session's server never acknowledged. The next connect
     * allocates a fresh one (a component's again, see {@link #giveComponentAnSmState()}). Only while disconnected.
     */
    void dropSmState() {
        if (LibraryFeatures.STREAM_MANAGEMENT) {
            freeSmState(StropheNewer.xmpp_conn_get_sm_state(conn)); // ours now, or null
        }
        componentPrepared = false;
    }

    /** @return how many times a fresh native connection replaced a used one */
    int renewals() {
        return renewals;
    }

    /** @return how many times a component connection was lent a Stream Management state (stock libraries) */
    int componentSmStatesLent() {
        return componentSmStatesLent;
    }

    private static void freeSmState(XmppSmState sm) {
        if (sm != null && sm.getPointer() != null) {
            StropheNewer.xmpp_free_sm_state(sm);
        }
    }

    /** Queues bytes for the server. */
    void send(byte[] xml) {
        Strophe.xmpp_send_raw(conn, xml, new SizeT(xml.length));
    }

    /** @return items in libstrophe's send queue; 0 when the library cannot say (0.11) */
    int queued() {
        return LibraryFeatures.SEND_QUEUE_LENGTH && !released ? StropheNewer.xmpp_conn_send_queue_len(conn) : 0;
    }

    /** Asks libstrophe to close the stream (it queues the closing tag and waits for the server's). */
    void disconnect() {
        Strophe.xmpp_disconnect(conn);
    }

    boolean secured() {
        return Strophe.xmpp_conn_is_secured(conn) == 1;
    }

    /** @return the JID the server bound, or null */
    String boundJid() {
        return Strophe.xmpp_conn_get_bound_jid(conn);
    }

    /** Raw mode: opens a stream (again, after STARTTLS). */
    void openStream() {
        Strophe.xmpp_conn_open_stream_default(conn);
    }

    /** Raw mode: the TLS handshake after the server's proceed. @return true when it succeeded */
    boolean startTls() {
        return Strophe.xmpp_conn_tls_start(conn) == 0;
    }

    // ------------------------------------------------------------------ Stream Management state

    /** @return libstrophe's SM state, now the caller's to free or hand on; null when there is none */
    XmppSmState takeSmState() {
        XmppSmState st = StropheNewer.xmpp_conn_get_sm_state(conn);
        return st == null || st.getPointer() == null ? null : st;
    }

    /**
     * Gives libstrophe an SM state (of this context).
     *
     * @return false when libstrophe refused it
     */
    boolean putSmState(XmppSmState state) {
        return StropheNewer.xmpp_conn_set_sm_state(conn, state) == StropheConstants.XMPP_EOK;
    }

    /** @return libstrophe's result of restoring a state serialized by 0.14 in another process */
    int restoreSmState(byte[] serialized) {
        return StropheNewer.xmpp_conn_restore_sm_state(conn, serialized, new SizeT(serialized.length));
    }

    /**
     * Empties the send queue (what a restored state had not written yet), oldest first.
     *
     * @return each item's bytes, in order
     */
    java.util.List<byte[]> drainSendQueue() {
        java.util.List<byte[]> items = new java.util.ArrayList<>();
        while (true) {
            Pointer p = StropheNewer.xmpp_conn_send_queue_drop_element(conn, StropheConstants.XMPP_QUEUE_OLDEST);
            if (p == null) {
                return items;
            }
            try {
                items.add(p.getByteArray(0, Math.toIntExact(p.indexOf(0, (byte) 0)))); // NUL-terminated
            } finally {
                Strophe.xmpp_free(context.ctx(), p);
            }
        }
    }

    /**
     * Moves this connection to a fresh context, leaving the current one to whoever else holds it (a detached SM
     * state). Only while disconnected.
     */
    void moveTo(NativeContext fresh) {
        NativeContext old = context;
        releaseConn(); // which also takes the receiver back from the old context's log
        context = fresh;
        released = false;
        conn = newConfigured();
        old.letGo();
    }

    /** @return the context, held once more for the caller (who must let it go) */
    NativeContext holdContext() {
        context.hold();
        return context;
    }

    // ------------------------------------------------------------------ release

    /** Releases the connection and lets go of the context. Idempotent. */
    void release() {
        if (released) {
            return;
        }
        releaseConn();
        context.letGo();
    }

    private void releaseConn() {
        if (fd >= 0) {
            // whatever the server sent last is of no use now, and left unread it would turn the close into a
            // reset that throws away what the kernel still has to send (a disconnect that timed out leaves some)
            SocketOptions.discardUnread(fd);
        }
        receive(false);
        Strophe.xmpp_conn_release(conn); // may call the connection handler one last time
        released = true;
        fd = -1;
    }

    // ------------------------------------------------------------------ libstrophe's callbacks

    private void onConnectionEvent(XmppConn c, int event, int error, XmppStreamError streamError, Pointer userdata) {
        try {
            if (event == StropheConstants.XMPP_CONN_DISCONNECT || event == StropheConstants.XMPP_CONN_FAIL) {
                fd = -1;
                receive(false);
            } else {
                // libstrophe marks the stream negotiated (raw: opened) just before it reports CONNECT (RAW_CONNECT),
                // and runs user handlers from then until the disconnect: elements are taken over the same span
                receive(true);
            }
            events.connectionEvent(event, error, streamError == null ? null : StreamErrors.of(streamError));
        } catch (Throwable t) {
            LOG.error("connection event {} of {} could not be handled", event, config.jid(), t);
        }
    }

    /**
     * Takes this connection's elements from its log's "RECV:" lines (one call into Java per element, the text
     * already serialised by libstrophe) rather than through a stanza handler, over the span in which libstrophe
     * would run one.
     */
    private void receive(boolean on) {
        context.signals().receiveInto(on ? receiver : null);
    }

    private void onElement(String xml) {
        try {
            events.element(StanzaText.restoreXmlLang(xml));
        } catch (Throwable t) {
            LOG.error("{}: an incoming stanza could not be handled", config.jid(), t);
        }
    }

    private int onSocket(XmppConn c, Pointer sock) {
        int descriptor = SocketOptions.descriptor(sock);
        if (descriptor >= SocketOptions.FD_SETSIZE && !LibraryFeatures.POLL) { // select() would abort the process
            descriptorTooLarge = descriptor;
            return -1; // libstrophe closes it; the connection then fails through the connection handler
        }
        applySocketOptions(descriptor);
        return 0;
    }

    private void applySocketOptions(int descriptor) {
        if (config.tcpNoDelay() && !SocketOptions.setNoDelay(descriptor, true)) {
            LOG.debug("could not set TCP_NODELAY on fd {}", descriptor);
        }
        SocketOptions.setKeepAlive(descriptor, (int) config.keepAliveIdle().toSeconds(),
                (int) config.keepAliveInterval().toSeconds());
        fd = descriptor;
    }

    private int onCertificateFailure(io.github.strophejna.jna.XmppTlsCert cert, Pointer errorMessage) {
        try {
            return events.acceptCertificate(describe(cert, NativeStrings.utf8(errorMessage))) ? 1 : 0;
        } catch (Throwable t) {
            LOG.error("could not check the server certificate", t);
            return 0;
        }
    }

    private static CertificateInfo describe(io.github.strophejna.jna.XmppTlsCert cert, String error) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String n = Strophe.xmpp_tlscert_get_dnsname(cert, new SizeT(i));
            if (n == null) {
                break;
            }
            names.add(n);
        }
        return new CertificateInfo(Strophe.xmpp_tlscert_get_pem(cert),
                Strophe.xmpp_tlscert_get_string(cert, StropheConstants.XMPP_CERT_SUBJECT),
                Strophe.xmpp_tlscert_get_string(cert, StropheConstants.XMPP_CERT_ISSUER), names,
                Strophe.xmpp_tlscert_get_string(cert, StropheConstants.XMPP_CERT_NOTBEFORE),
                Strophe.xmpp_tlscert_get_string(cert, StropheConstants.XMPP_CERT_NOTAFTER),
                Strophe.xmpp_tlscert_get_string(cert, StropheConstants.XMPP_CERT_FINGERPRINT_SHA256), error);
    }

    private int onKeyPassword(Pointer buffer, SizeT max, XmppConn c, Pointer userdata) {
        char[] pw = null;
        try {
            pw = config.clientKeyPassword().get();
            try (NativeStrings.Secret secret = NativeStrings.secret(pw)) {
                int len = secret.length();
                if (len + 1L > max.longValue()) {
                    return -1;
                }
                byte[] bytes = secret.pointer().getByteArray(0, len + 1); // with its NUL
                buffer.write(0, bytes, 0, bytes.length);
                java.util.Arrays.fill(bytes, (byte) 0);
                return len;
            }
        } catch (Throwable t) {
            LOG.error("{}: the client key password supplier failed", config.jid(), t);
            return -1; // never let an exception unwind into libstrophe
        } finally {
            Passwords.wipe(pw);
        }
    }

    private void onSmState(XmppConn c, Pointer userdata, Pointer state, SizeT length) {
        if (state == null || length.longValue() == 0) {
            // libstrophe serializes nothing while no session is enabled (before <enabled/>, while a restored or
            // lost session waits for its resume, after a clean close): saving that would overwrite the last
            // state worth resuming with nothing
            return;
        }
        try {
            config.smStateSink().accept(state.getByteArray(0, Math.toIntExact(length.longValue())));
        } catch (Throwable t) {
            LOG.error("{}: the Stream Management state sink failed", config.jid(), t);
        }
    }
}
