package io.github.strophejna.client;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.github.strophejna.jna.NativeStrings;
import io.github.strophejna.jna.SizeT;
import io.github.strophejna.jna.SocketOptions;
import io.github.strophejna.jna.Strophe;
import io.github.strophejna.jna.StropheConstants;
import io.github.strophejna.jna.StropheNewer;
import io.github.strophejna.jna.UnsignedShort;
import io.github.strophejna.jna.XmppCertFailHandler;
import io.github.strophejna.jna.XmppConn;
import io.github.strophejna.jna.XmppConnHandler;
import io.github.strophejna.jna.XmppHandler;
import io.github.strophejna.jna.XmppPasswordCallback;
import io.github.strophejna.jna.XmppSockOptCallback;
import io.github.strophejna.jna.XmppStanza;
import io.github.strophejna.jna.XmppStreamError;
import io.github.strophejna.jna.XmppTlsCert;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native side of one {@link XmppClient}: its {@code xmpp_conn_t}, the callbacks libstrophe calls (all
 * held in fields, so the garbage collector cannot free them while libstrophe may call them), and the state
 * of the session. Loop thread only.
 *
 * <p>One catch-all stanza handler, added once, sees every incoming element; Java code dispatches from there.
 * That avoids libstrophe's {@code xmpp_handler_delete}, which removes every registration sharing a function
 * pointer, and translates each stanza once, in bulk ({@code xmpp_stanza_to_text}, then a Java parse).
 * Outgoing stanzas are serialised in Java and queued with {@code xmpp_send_raw}: one copy, and no trip
 * through libstrophe's parser, which drops attribute namespaces (0.12 turns {@code xml:lang} into
 * {@code lang}).
 */
final class ClientConnection implements EventLoop.Watched {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    static final String NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String NS_STREAMS = "http://etherx.jabber.org/streams";
    static final String NS_SM = "urn:xmpp:sm:3";
    static final String NS_PING = "urn:xmpp:ping";
    static final String NS_TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    private static final long SM_ENABLE_WAIT_MILLIS = 5000;

    private enum Phase { IDLE, CONNECTING, READY, DISCONNECTING }

    private record PendingIq(CompletableFuture<Iq> future, EventLoop.Timer timer) {}

    private final XmppClient client;
    private final ClientConfig config;
    private final EventLoop loop;
    /** Replaced after a connection that ended mid-stream, see {@link #renewNativeConnection()}. */
    private XmppConn conn;

    private final XmppConnHandler connHandler = this::onConnectionEvent;
    private final XmppHandler stanzaHandler = this::onStanza;
    private final XmppSockOptCallback sockoptCallback = this::onSocket;
    private final XmppCertFailHandler certFailHandler = this::onCertificateFailure;
    private final XmppPasswordCallback keyPasswordCallback = this::onKeyPassword;
    /** For the component workaround's throwaway connection (see {@link #giveComponentAnSmState()}). */
    private final XmppSockOptCallback refuseSocket = (c, sock) -> -1;
    private final XmppConnHandler ignoreEvents = (c, event, error, streamError, userdata) -> { };
    private boolean componentPrepared;
    /** libstrophe 0.14's serialized SM state, forwarded to the application (held: libstrophe calls it). */
    private final io.github.strophejna.jna.XmppSmCallback smStateCallback = this::onSmState;
    /** This attempt negotiates the stream itself (libstrophe raw mode): no login, no bind. */
    private boolean raw;
    private boolean rawTlsStarted;

    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private Phase phase = Phase.IDLE;
    private int fd = -1;
    private boolean released;
    /** Reused out-parameters of xmpp_stanza_to_text (loop thread only). */
    private final com.sun.jna.ptr.PointerByReference textBuffer = new com.sun.jna.ptr.PointerByReference();
    private final SizeT.ByReference textLength = new SizeT.ByReference();
    /** The last broadcast presence sent, re-sent after a reconnect that could not resume the session. */
    private Stanza lastPresence;
    private byte[] lastPresenceXml;
    /** Writable passes still worth asking for, see {@link #wantsWrite()}. */
    private int writeBudget;

    private CompletableFuture<Session> connectFuture;
    private EventLoop.Timer connectTimer;
    private CompletableFuture<Void> disconnectFuture;
    private boolean disconnectRequested;
    private final Map<String, PendingIq> pendingIqs = new HashMap<>();

    /** Why the current attempt failed, when libstrophe alone cannot say. */
    private String saslFailure;
    private CertificateInfo rejectedCertificate;
    private int descriptorTooLarge = -1;
    /** Why we shut the socket ourselves (see {@link #abort}); it outranks what libstrophe then reports. */
    private Throwable abortCause;
    /** Counts connection attempts, so a timer of an earlier attempt knows it is stale. */
    private int attempt;
    private long lastInboundNanos;
    /** The native connection has been connected before: the next attempt takes a fresh one. */
    private boolean nativeConnectionUsed;

    private boolean smEnabled;
    /** libstrophe signalled CONNECT for this attempt already (0.13.0 can signal it twice). */
    private boolean connectSignalled;
    /** CONNECT signals ignored as repeats, for tests (volatile: read from the test's thread). */
    private volatile int duplicateConnectSignals;
    /** The session of this attempt was ready (its stream was negotiated). */
    private boolean sessionWasReady;
    /** libstrophe 0.13.x was told to accept a certificate we reject; the connection awaits {@link #afterPass()}. */
    private boolean certificateRejectedAfterHandshake;
    private boolean smResumed;
    private boolean smSeenThisAttempt;
    private boolean reconnecting;
    /** A restored SM state awaits its resume at the next connect. */
    private boolean resumePending;
    private long smHandled;
    private boolean everConnected;
    private int reconnectAttempt;
    private EventLoop.Timer reconnectTimer;

    ClientConnection(XmppClient client, ClientConfig config, EventLoop loop) {
        this.client = client;
        this.config = config;
        this.loop = loop;
        this.conn = Strophe.xmpp_conn_new(loop.ctx());
        if (conn == null || conn.getPointer() == null) {
            throw new IllegalStateException("xmpp_conn_new failed (out of memory?)");
        }
        try {
            configure();
        } catch (RuntimeException e) {
            Strophe.xmpp_conn_release(conn);
            throw e;
        }
        loop.watch(this);
    }

    private void configure() {
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
        if (Strophe.xmpp_conn_set_flags(conn, new NativeLong(flags)) != StropheConstants.XMPP_EOK) {
            throw new IllegalArgumentException("libstrophe refused the connection flags " + flags);
        }
        Strophe.xmpp_conn_set_jid(conn, config.jid().toString());
        if (config.caFile() != null) {
            Strophe.xmpp_conn_set_cafile(conn, config.caFile().toAbsolutePath().toString());
        }
        if (config.caPath() != null) {
            Strophe.xmpp_conn_set_capath(conn, config.caPath().toAbsolutePath().toString());
        }
        if (config.clientCertificate() != null) {
            Strophe.xmpp_conn_set_client_cert(conn, config.clientCertificate().toAbsolutePath().toString(),
                    config.clientKey() == null ? null : config.clientKey().toAbsolutePath().toString());
        }
        if (config.clientKeyPassword() != null) {
            LibraryFeatures.require(LibraryFeatures.KEY_PASSWORD_CALLBACK, "a client key password (Builder.clientKeyPassword)",
                    "xmpp_conn_set_password_callback");
            StropheNewer.xmpp_conn_set_password_callback(conn, keyPasswordCallback, Pointer.NULL);
        }
        if (config.smStateSink() != null) {
            StropheNewer.xmpp_conn_set_sm_callback(conn, smStateCallback, Pointer.NULL);
        }
        Strophe.xmpp_conn_set_certfail_handler(conn, certFailHandler);
        if (LibraryFeatures.SOCKOPT_CALLBACK) {
            StropheNewer.xmpp_conn_set_sockopt_callback(conn, sockoptCallback);
        } // else the socket comes from libstrophe 0.11's log, see socketFromLog()
        Strophe.xmpp_handler_add(conn, stanzaHandler, null, null, null, Pointer.NULL);
    }

    ConnectionState state() {
        return state;
    }

    /** @return how many repeated CONNECT signals libstrophe sent and this connection ignored (0.13.0) */
    int duplicateConnectSignals() {
        return duplicateConnectSignals;
    }

    // ------------------------------------------------------------------ EventLoop.Watched

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public boolean busy() {
        return phase == Phase.CONNECTING || phase == Phase.DISCONNECTING;
    }

    /**
     * libstrophe's queue length leaves out the item it is half-way through writing, and with TLS it writes
     * one record (16 KiB) of an item per pass. So after queueing, keep asking for POLLOUT for as many
     * writable passes as the largest item could need; each costs a few microseconds if it was not needed.
     */
    @Override
    public boolean wantsWrite() {
        if (phase == Phase.CONNECTING) {
            return true;
        }
        return !released && (writeBudget > 0 || queued() > 0);
    }

    /** @return items in libstrophe's send queue; 0 when the library cannot say (0.11: writeBudget counts then) */
    private int queued() {
        return LibraryFeatures.SEND_QUEUE_LENGTH ? StropheNewer.xmpp_conn_send_queue_len(conn) : 0;
    }

    @Override
    public void writable() {
        if (writeBudget > 0 && (released || queued() == 0)) {
            writeBudget--;
        }
    }

    @Override
    public void forgetFd() {
        fd = -1;
    }

    // ------------------------------------------------------------------ connect

    CompletableFuture<Session> connect() {
        return connect(true);
    }

    /**
     * @param login false: open the stream (with STARTTLS per the policy) but neither authenticate nor bind,
     *        through libstrophe's raw mode (in-band registration needs that)
     */
    CompletableFuture<Session> connect(boolean login) {
        if (released) {
            return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        }
        if (phase != Phase.IDLE) {
            return CompletableFuture.failedFuture(new IllegalStateException("already " + state.name().toLowerCase()));
        }
        cancel(reconnectTimer);
        disconnectRequested = false;
        disconnectFuture = null;
        reconnecting = resumePending; // a restored state resumes like a reconnect
        resumePending = false;
        raw = !login;
        rawTlsStarted = false;
        connectFuture = new CompletableFuture<>();
        CompletableFuture<Session> f = connectFuture;
        startAttempt();
        if (phase == Phase.CONNECTING) {
            connectTimer = loop.schedule(config.connectTimeout().toMillis(), () -> {
                if (phase == Phase.CONNECTING) {
                    failConnect(new ConnectionException("timed out after " + config.connectTimeout().toMillis()
                            + " ms connecting to " + target()));
                    // libstrophe closes the stream politely and waits for the server (its own timeout) before
                    // reporting the disconnect; the state follows then, without a second cause.
                    disconnectRequested = true;
                    phase = Phase.DISCONNECTING;
                    Strophe.xmpp_disconnect(conn);
                }
            });
        }
        return f;
    }

    private void startAttempt() {
        saslFailure = null;
        rejectedCertificate = null;
        descriptorTooLarge = -1;
        abortCause = null;
        attempt++;
        smResumed = false;
        connectSignalled = false;
        sessionWasReady = false;
        loop.takeSmNote(); // a stale note must not describe this attempt
        if (nativeConnectionUsed) {
            renewNativeConnection();
        }
        if (!smEnabled) {
            smHandled = 0; // a new session counts from zero; only a resumed one goes on counting
        }
        nativeConnectionUsed = true;
        char[] password = config.password().get();
        try (NativeStrings.Secret secret = NativeStrings.secret(password == null ? new char[0] : password)) {
            XmppClient.requireNoNul(password == null ? new char[0] : password);
            Strophe.xmpp_conn_set_pass(conn, secret.pointer());
        } finally {
            XmppClient.wipe(password);
        }
        phase = Phase.CONNECTING;
        setState(ConnectionState.CONNECTING, null);
        if (config.component() && !componentPrepared) {
            giveComponentAnSmState();
            componentPrepared = true;
        }
        UnsignedShort port = new UnsignedShort(config.port());
        int rc = config.component() ? Strophe.xmpp_connect_component(conn, config.host(), port, connHandler, Pointer.NULL)
                : raw ? Strophe.xmpp_connect_raw(conn, config.host(), port, connHandler, Pointer.NULL)
                : Strophe.xmpp_connect_client(conn, config.host(), port, connHandler, Pointer.NULL);
        if (rc == StropheConstants.XMPP_EOK && !LibraryFeatures.SOCKOPT_CALLBACK) {
            socketFromLog();
            return;
        }
        if (rc != StropheConstants.XMPP_EOK) {
            phase = Phase.IDLE;
            Throwable known = classify(0, null);
            Throwable e = known != null ? known : new ConnectionException("cannot start connecting to " + target()
                    + " (libstrophe error " + rc + "; is the host name right?)");
            setState(ConnectionState.DISCONNECTED, e);
            failConnect(e);
        }
    }

    /**
     * libstrophe 0.11 has no sockopt callback; its connect logs the new socket instead, from inside
     * xmpp_connect_client on this thread, so the line just logged is this connection's. The options the
     * callback would set are set here, before the TCP handshake completes.
     */
    private void socketFromLog() {
        int descriptor = loop.takeLoggedSocket();
        if (descriptor < 0) {
            LOG.warn("{}: libstrophe did not log its socket; this connection is polled once a second", config.jid());
            return;
        }
        if (descriptor >= SocketOptions.FD_SETSIZE) {
            // libstrophe's next select() would abort the process: close it before any pass
            descriptorTooLarge = descriptor;
            dropNativeConnection(null);
            return;
        }
        applySocketOptions(descriptor);
    }

    /**
     * libstrophe (0.12 to 0.14 at least) allocates a connection's Stream Management state only in
     * xmpp_connect_client, yet every send reads it: xmpp_connect_component then crashes the process on its
     * first write (a NULL dereference in _send_raw). A throwaway connection whose socket our sockopt callback
     * refuses fails synchronously after allocating one, still disconnected; its state is moved over.
     */
    private void giveComponentAnSmState() {
        if (!LibraryFeatures.STREAM_MANAGEMENT) {
            return; // 0.11 has no SM state, and its sends do not read one
        }
        io.github.strophejna.jna.XmppConn tmp = Strophe.xmpp_conn_new(loop.ctx());
        try {
            Strophe.xmpp_conn_set_jid(tmp, "sm-state@" + config.jid().domain());
            StropheNewer.xmpp_conn_set_sockopt_callback(tmp, refuseSocket);
            Strophe.xmpp_connect_client(tmp, "127.0.0.1", new UnsignedShort(1), ignoreEvents, Pointer.NULL);
            io.github.strophejna.jna.XmppSmState state = StropheNewer.xmpp_conn_get_sm_state(tmp);
            if (state == null || state.getPointer() == null) {
                throw new IllegalStateException("could not prepare the component connection (no SM state)");
            }
            if (StropheNewer.xmpp_conn_set_sm_state(conn, state) != StropheConstants.XMPP_EOK) {
                StropheNewer.xmpp_free_sm_state(state); // a newer libstrophe already gave the connection one
            }
        } finally {
            Strophe.xmpp_conn_release(tmp);
        }
    }

    /**
     * Every attempt after the first gets a fresh native connection; the Stream Management state moves over
     * when the session can be resumed, so a resume still works. A reused xmpp_conn_t carries state from its
     * last session that libstrophe does not reset: its parser_reset (0.12 to 0.14) frees a half-read text node
     * but keeps its length and capacity, so after a connection that ended inside a stanza (a cut, malformed
     * XML, an abort) the next stream's first text comes out with garbage in front, or, when that text is one
     * or two characters long, strncat writes through a NULL pointer and the process dies; and libstrophe 0.14
     * went on counting acknowledgements from the last session, so the server ended the new one ("Client
     * acknowledged more stanzas than sent by server").
     */
    private void renewNativeConnection() {
        io.github.strophejna.jna.XmppSmState sm = LibraryFeatures.STREAM_MANAGEMENT
                ? StropheNewer.xmpp_conn_get_sm_state(conn) : null; // ours now, or null
        if (!replaceNativeConnection()) {
            if (sm != null && sm.getPointer() != null && StropheNewer.xmpp_conn_set_sm_state(conn, sm) != StropheConstants.XMPP_EOK) {
                StropheNewer.xmpp_free_sm_state(sm);
            }
            LOG.warn("{}: xmpp_conn_new failed; reusing the old native connection", config.jid());
            return;
        }
        if (sm != null && sm.getPointer() != null
                && (!smEnabled || StropheNewer.xmpp_conn_set_sm_state(conn, sm) != StropheConstants.XMPP_EOK)) {
            StropheNewer.xmpp_free_sm_state(sm); // a session that cannot be resumed starts afresh
            smEnabled = false;
        }
    }

    /**
     * Puts a fresh, configured native connection in place of the current one and releases the old one, which
     * closes it if it is still open (libstrophe's conn_disconnect: the socket closed, no write, DISCONNECT
     * reported to our handler).
     *
     * @return false, changing nothing, when libstrophe cannot allocate a connection
     */
    private boolean replaceNativeConnection() {
        XmppConn fresh = Strophe.xmpp_conn_new(loop.ctx());
        if (fresh == null || fresh.getPointer() == null) {
            return false;
        }
        XmppConn old = conn;
        conn = fresh;
        configure();
        Strophe.xmpp_handler_delete(old, stanzaHandler);
        Strophe.xmpp_conn_release(old);
        componentPrepared = false;
        return true;
    }

    /**
     * Closes the native connection without another libstrophe pass and puts a fresh one in its place: for a
     * connection that pass must not touch (see {@link LibraryFeatures#FAILED_TLS_START_KEEPS_TLS_INTERFACE}, or
     * a socket past FD_SETSIZE). Releasing it runs libstrophe's conn_disconnect, which closes the socket
     * without writing and reports DISCONNECT, so the usual path (state, futures, reconnect policy) follows.
     * Loop thread, never inside a libstrophe callback of this connection.
     *
     * @param cause what to report, or null to let {@link #classify} say
     */
    private void dropNativeConnection(Throwable cause) {
        if (cause != null && abortCause == null) {
            abortCause = cause;
        }
        smEnabled = false; // nothing of this stream can be resumed
        if (!replaceNativeConnection()) {
            Strophe.xmpp_handler_delete(conn, stanzaHandler); // it must be closed all the same
            Strophe.xmpp_conn_release(conn);
            released = true; // nothing left to use; close() still completes
            throw new IllegalStateException("xmpp_conn_new failed (out of memory?)");
        }
        nativeConnectionUsed = false;
    }

    /**
     * libstrophe logged a failed TLS handshake in the last pass, and on 0.13.x the connection it failed on
     * must not see another pass (see {@link LibraryFeatures#FAILED_TLS_START_KEEPS_TLS_INTERFACE}). A
     * certificate this client rejects never gets here (see {@link #onCertificateFailure}); any other failure
     * (the server breaking off the handshake) leaves no trace the log ties to a connection, so every
     * connection of the context that is negotiating an unsecured stream is closed: a reconnect is cheap, the
     * alternative is the process.
     */
    @Override
    public void afterFailedTlsStart() {
        // negotiating: connecting, or closing before the session was ready (a disconnect() racing STARTTLS
        // makes the server end the stream mid-handshake)
        if (!LibraryFeatures.FAILED_TLS_START_KEEPS_TLS_INTERFACE || released || phase == Phase.IDLE || sessionWasReady
                || config.tls() == TlsPolicy.DISABLED || Strophe.xmpp_conn_is_secured(conn) != 0) {
            return;
        }
        dropNativeConnection(new TlsException("a TLS handshake on this event loop failed while the stream to " + target()
                + " was being secured; libstrophe " + io.github.strophejna.jna.LibStrophe.version()
                + " does not say on which connection, and another pass over it would crash the process", null));
    }

    /** A certificate rejected on 0.13.x (see {@link #onCertificateFailure}): close before the next pass. */
    @Override
    public void afterPass() {
        if (certificateRejectedAfterHandshake && !released && phase != Phase.IDLE) {
            dropNativeConnection(null); // classify() reports the rejected certificate
        }
        certificateRejectedAfterHandshake = false;
    }

    private String target() {
        String host = config.host() != null ? config.host() : config.jid().domain();
        return host + ":" + (config.port() == 0 ? "5222 (or DNS SRV)" : config.port());
    }

    private void failConnect(Throwable cause) {
        cancel(connectTimer);
        if (connectFuture != null && !connectFuture.isDone()) {
            connectFuture.completeExceptionally(cause);
        }
    }

    private void onConnectionEvent(XmppConn c, int event, int error, XmppStreamError streamError, Pointer userdata) {
        try {
            if (phase == Phase.DISCONNECTING && event != StropheConstants.XMPP_CONN_DISCONNECT
                    && event != StropheConstants.XMPP_CONN_FAIL) {
                return; // disconnect() came first: a session completing now is closed, not reported ready
            }
            if (event == StropheConstants.XMPP_CONN_RAW_CONNECT) {
                Strophe.xmpp_conn_open_stream_default(conn); // the server's features come next (onRawFeatures)
            } else if (event == StropheConstants.XMPP_CONN_CONNECT && raw) {
                // raw mode reports each opened stream; the features that follow decide (onRawFeatures)
                return;
            } else if (event == StropheConstants.XMPP_CONN_CONNECT && connectSignalled) {
                // libstrophe 0.13.0 reports the session twice when the server requires both session
                // establishment and offers Stream Management (fixed in 0.13.1): the session is ready once
                LOG.debug("{}: a second CONNECT for the same session ignored", config.jid());
                duplicateConnectSignals++;
            } else if (event == StropheConstants.XMPP_CONN_CONNECT) {
                connectSignalled = true;
                LibstropheLog.SmNote sm = loop.takeSmNote();
                if (sm != null) {
                    // libstrophe 0.13+ reports the session only after <enabled/>, <resumed/> or <failed/>
                    smEnabled = sm != LibstropheLog.SmNote.FAILED;
                    smResumed = sm == LibstropheLog.SmNote.RESUMED;
                    if (sm == LibstropheLog.SmNote.ENABLED) {
                        smHandled = 0;
                    }
                    sessionReady();
                } else if (config.streamManagement() && !config.component() && LibraryFeatures.STREAM_MANAGEMENT) {
                    // libstrophe sent <enable/> (when the server offers SM) before this event, and user handlers
                    // see no stream features: one round trip tells whether <enabled/> or <failed/> came back.
                    boolean hadSm = smEnabled;
                    smEnabled = false;
                    smSeenThisAttempt = false;
                    Iq probe = Iq.get(Jid.of(null, config.jid().domain(), null), Stanza.builder("ping").namespace(NS_PING).build());
                    sendIq(probe, probe.stanza().toXml().getBytes(StandardCharsets.UTF_8), SM_ENABLE_WAIT_MILLIS, true)
                            .whenComplete((r, e) -> {
                                if (phase == Phase.CONNECTING) {
                                    if (!smSeenThisAttempt && hadSm && reconnecting) {
                                        smEnabled = true; // no new <enabled/>: libstrophe resumed the old session
                                        smResumed = true;
                                    }
                                    sessionReady();
                                }
                            });
                } else {
                    sessionReady();
                }
            } else {
                onDisconnected(error, streamError);
            }
        } catch (Throwable t) {
            LOG.error("connection event {} of {} could not be handled", event, config.jid(), t);
        }
    }

    private void sessionReady() {
        cancel(connectTimer);
        phase = Phase.READY;
        sessionWasReady = true;
        everConnected = true;
        reconnectAttempt = 0;
        String bound = Strophe.xmpp_conn_get_bound_jid(conn);
        Session session = new Session(bound == null ? config.jid() : Jid.parse(bound),
                Strophe.xmpp_conn_is_secured(conn) == 1, smEnabled, smResumed);
        setState(smResumed ? ConnectionState.RESUMED : ConnectionState.CONNECTED, null);
        lastInboundNanos = System.nanoTime();
        if (!config.pingWhenIdle().isZero() && !config.component() && !raw) {
            watchLiveness(attempt, config.pingWhenIdle().toMillis());
        }
        if (reconnecting && !smResumed && lastPresenceXml != null) {
            // a fresh session starts unavailable: restore what the application had said, so the server
            // routes messages (and flushes what it stored meanwhile) to this resource again
            sendRaw(lastPresence, lastPresenceXml, true);
        }
        if (connectFuture != null && !connectFuture.isDone()) {
            connectFuture.complete(session);
        }
    }

    private void onDisconnected(int error, XmppStreamError streamError) {
        fd = -1;
        Throwable cause = classify(error, streamError);
        boolean wasReady = phase == Phase.READY || phase == Phase.DISCONNECTING;
        phase = Phase.IDLE;
        if (cause == null) {
            smEnabled = false; // a clean close ends the SM session; a loss may resume it
        }
        setState(ConnectionState.DISCONNECTED, disconnectRequested ? null : cause);
        failPendingIqs(cause != null ? cause : new ConnectionException("disconnected"));
        failConnect(cause != null ? cause : new ConnectionException("the connection to " + target()
                + " closed before the session was ready"));
        if (disconnectFuture != null) {
            disconnectFuture.complete(null);
        }
        if (!disconnectRequested && !released && everConnected && config.reconnect().enabled()
                && !(cause instanceof AuthenticationException)) {
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        ReconnectPolicy p = config.reconnect();
        if (p.maxAttempts() > 0 && reconnectAttempt >= p.maxAttempts()) {
            LOG.warn("{}: giving up reconnecting after {} attempts", config.jid(), reconnectAttempt);
            return;
        }
        long delay = p.delayMillis(reconnectAttempt++);
        LOG.info("{}: reconnecting in {} ms (attempt {})", config.jid(), delay, reconnectAttempt);
        reconnectTimer = loop.schedule(delay, () -> {
            if (phase == Phase.IDLE && !released && !disconnectRequested) {
                reconnecting = true;
                startAttempt();
            }
        });
    }

    private Throwable classify(int error, XmppStreamError streamError) {
        LibstropheLog.FailureNote note = loop.takeFailureNote();
        if (abortCause != null) {
            return abortCause;
        }
        if (saslFailure == null && note != null && note.kind() == LibstropheLog.FailureNote.Kind.AUTHENTICATION) {
            saslFailure = note.detail();
        }
        if (saslFailure != null) {
            return new AuthenticationException(saslFailure, "authentication failed for " + config.jid() + ": " + saslFailure);
        }
        if (rejectedCertificate != null) {
            return new TlsException("the server certificate is not trusted (" + rejectedCertificate.error() + "; subject "
                    + rejectedCertificate.subject() + ", names " + rejectedCertificate.dnsNames()
                    + "). Trust it with caFile(...), a certificateVerifier, or trustAnyCertificate(true)", rejectedCertificate);
        }
        if (streamError != null) {
            smEnabled = false; // the server ended the session: there is nothing to resume
            return streamErrorOf(streamError);
        }
        if (note != null && note.kind() == LibstropheLog.FailureNote.Kind.MALFORMED_XML) {
            // libstrophe answered invalid-xml, which ends the session on the server; and libstrophe 0.14 keeps
            // its own stream errors in the SM queue and would send them again into the next session
            smEnabled = false;
            return new ConnectionException("the server sent malformed XML; the stream was closed with an invalid-xml"
                    + " error (" + target() + ")");
        }
        if (note != null && note.kind() == LibstropheLog.FailureNote.Kind.STARTTLS_MISSING) {
            return new TlsException("the server at " + target() + " does not offer STARTTLS, and TlsPolicy.REQUIRED (the"
                    + " default) forbids logging in on a plaintext stream; no password was sent", null);
        }
        if (descriptorTooLarge >= 0) {
            return new ConnectionException("the socket for " + target() + " got descriptor " + descriptorTooLarge
                    + ", at or above FD_SETSIZE (" + SocketOptions.FD_SETSIZE + "): libstrophe's select() cannot watch it"
                    + " and would abort the process. Open fewer files and sockets in this JVM.");
        }
        if (error > 0) {
            return new ConnectionException(errnoText(error) + " (" + target() + ")");
        }
        if (note != null && note.kind() == LibstropheLog.FailureNote.Kind.CONNECT) { // libstrophe 0.14 reports some failures as -1, the log has the errno
            try {
                return new ConnectionException(errnoText(Integer.parseInt(note.detail())) + " (" + target() + ")");
            } catch (NumberFormatException e) {
                return new ConnectionException("connection failed: " + note.detail() + " (" + target() + ")");
            }
        }
        if (error != 0) {
            return new ConnectionException(errnoText(error) + " (" + target() + ")");
        }
        return null;
    }

    private StreamErrorException streamErrorOf(XmppStreamError e) {
        String condition = null;
        String text = NativeStrings.utf8(e.text);
        if (e.stanza != null && e.stanza.getPointer() != null) {
            try {
                Stanza s = Stanza.parse(StanzaText.of(e.stanza));
                for (Stanza c : s.elements()) {
                    if (!c.name().equals("text")) {
                        condition = c.name();
                    } else if (text == null) {
                        text = c.text();
                    }
                }
            } catch (RuntimeException ex) {
                LOG.debug("unreadable stream error element", ex);
            }
        }
        if (condition == null) {
            condition = StreamErrors.condition(e.type);
        }
        return new StreamErrorException(condition, text);
    }

    static String errnoText(int errno) {
        return switch (errno) {
            case 111 -> "connection refused";
            case 110 -> "connection timed out";
            case 113 -> "host unreachable";
            case 101 -> "network unreachable";
            case 104 -> "connection reset by the server";
            case 103 -> "connection aborted";
            case 32 -> "broken pipe";
            default -> "connection failed (error " + errno + ")";
        };
    }

    private int onSocket(XmppConn c, Pointer sock) {
        int descriptor = SocketOptions.descriptor(sock);
        if (descriptor >= SocketOptions.FD_SETSIZE) {
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

    private int onCertificateFailure(XmppTlsCert cert, Pointer errorMessage) {
        try {
            CertificateInfo info = describe(cert, NativeStrings.utf8(errorMessage));
            boolean accept = false;
            if (config.certificateVerifier() != null) {
                try {
                    accept = config.certificateVerifier().test(info);
                } catch (RuntimeException e) {
                    LOG.error("the certificate verifier of {} threw; rejecting {}", config.jid(), info, e);
                }
            }
            if (!accept) {
                rejectedCertificate = info;
            }
            if (!accept && LibraryFeatures.FAILED_TLS_START_KEEPS_TLS_INTERFACE) {
                // a failed handshake leaves 0.13.x one pass from a crash: let this one complete instead and close
                // the connection before the next pass, which would write its first byte over it
                certificateRejectedAfterHandshake = true;
                loop.afterPass(this);
                return 1;
            }
            return accept ? 1 : 0;
        } catch (Throwable t) {
            LOG.error("could not check the server certificate", t);
            return 0;
        }
    }

    private static CertificateInfo describe(XmppTlsCert cert, String error) {
        List<String> names = new ArrayList<>();
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
            XmppClient.wipe(pw);
        }
    }

    // ------------------------------------------------------------------ incoming

    private int onStanza(XmppConn c, XmppStanza native_, Pointer userdata) {
        try {
            loop.madeProgress();
            lastInboundNanos = System.nanoTime();
            String logged = loop.takeReceivedText();
            String xml = StanzaText.restoreXmlLang(logged != null ? logged : StanzaText.of(native_, textBuffer, textLength));
            if (xml.length() > config.maxIncomingStanza()) {
                refuseOversized(xml.length());
                return 1;
            }
            Stanza s = Stanza.parse(xml);
            String ns = s.namespace();
            if (NS_SASL.equals(ns)) {
                if (s.name().equals("failure")) {
                    List<Stanza> conditions = s.elements();
                    saslFailure = conditions.isEmpty() ? "failure" : conditions.get(0).name();
                }
                return 1; // never recorded nor dispatched: SASL carries credentials
            }
            if (NS_SM.equals(ns)) {
                onStreamManagement(s);
                return 1;
            }
            if (raw && phase == Phase.CONNECTING) {
                onRawNegotiation(s);
                return 1;
            }
            if (NS_STREAMS.equals(ns) && s.name().equals("error") && phase == Phase.READY) {
                // libstrophe keeps the error for the disconnect event but waits for the server to close the
                // stream; a server that never does would leave a dead session behind, so close our side now
                phase = Phase.DISCONNECTING;
                Strophe.xmpp_disconnect(conn);
                return 1;
            }
            if (smEnabled && (s.name().equals("message") || s.name().equals("presence") || s.name().equals("iq"))) {
                smHandled++;
            }
            if (client.historyWanted()) {
                client.recordHistory(StanzaHistory.Direction.IN, s, xml);
            }
            if (s.name().equals("iq") && s.id() != null) {
                completePendingIq(s);
            }
            client.dispatch(s);
        } catch (StanzaParseException e) {
            LOG.warn("{}: an incoming stanza could not be read: {}", config.jid(), e.getMessage());
        } catch (Throwable t) {
            LOG.error("{}: an incoming stanza could not be handled", config.jid(), t);
        }
        return 1; // keep this handler: libstrophe removes handlers that return 0
    }

    /** Raw mode: STARTTLS when the policy wants it, then the session is ready without login. */
    private void onRawNegotiation(Stanza s) {
        if (s.name().equals("features") && NS_STREAMS.equals(s.namespace())) {
            boolean offered = s.child("starttls", NS_TLS) != null;
            boolean wanted = config.tls() == TlsPolicy.REQUIRED || config.tls() == TlsPolicy.OPTIONAL;
            if (!rawTlsStarted && offered && wanted) {
                byte[] starttls = ("<starttls xmlns='" + NS_TLS + "'/>").getBytes(StandardCharsets.UTF_8);
                Strophe.xmpp_send_raw(conn, starttls, new SizeT(starttls.length));
            } else if (!rawTlsStarted && config.tls() == TlsPolicy.REQUIRED) {
                failConnect(new TlsException("the server does not offer STARTTLS and TLS is required", null));
                Strophe.xmpp_disconnect(conn);
            } else {
                sessionReady();
            }
        } else if (s.name().equals("proceed") && NS_TLS.equals(s.namespace())) {
            if (Strophe.xmpp_conn_tls_start(conn) != 0) {
                failConnect(rejectedCertificate != null ? classify(0, null)
                        : new TlsException("the TLS handshake failed", null));
                if (!LibraryFeatures.FAILED_TLS_START_KEEPS_TLS_INTERFACE) {
                    Strophe.xmpp_disconnect(conn); // on 0.13.x its write would crash: afterFailedTlsStart closes it
                }
                return;
            }
            rawTlsStarted = true;
            Strophe.xmpp_conn_open_stream_default(conn);
        }
    }

    private void onStreamManagement(Stanza s) {
        switch (s.name()) {
            case "enabled" -> {
                smEnabled = true;
                smSeenThisAttempt = true;
                smHandled = 0;
            }
            case "resumed" -> {
                smEnabled = true;
                smSeenThisAttempt = true;
                smResumed = true;
            }
            case "failed" -> {
                smEnabled = false;
                smSeenThisAttempt = true;
            }
            default -> {
                // <r/> and <a/>: libstrophe answers and counts them itself
            }
        }
    }

    private void completePendingIq(Stanza s) {
        String type = s.type();
        if (!"result".equals(type) && !"error".equals(type)) {
            return;
        }
        PendingIq p = pendingIqs.remove(s.id());
        if (p == null) {
            return;
        }
        p.timer().cancel();
        Iq iq = Iq.of(s);
        if ("result".equals(type)) {
            p.future().complete(iq);
        } else {
            p.future().completeExceptionally(new XmppErrorException(iq.error() != null ? iq.error()
                    : new io.github.strophejna.stanza.StanzaError(io.github.strophejna.stanza.StanzaError.Type.CANCEL,
                            "undefined-condition", null)));
        }
    }

    private void failPendingIqs(Throwable cause) {
        if (pendingIqs.isEmpty()) {
            return;
        }
        List<PendingIq> all = new ArrayList<>(pendingIqs.values());
        pendingIqs.clear();
        for (PendingIq p : all) {
            p.timer().cancel();
            p.future().completeExceptionally(cause);
        }
    }

    // ------------------------------------------------------------------ outgoing

    void sendRaw(Stanza s, byte[] xml) {
        sendRaw(s, xml, false);
    }

    private void sendRaw(Stanza s, byte[] xml, boolean internal) {
        if (released) {
            throw new IllegalStateException("closed");
        }
        if (phase != Phase.READY && !(internal && phase != Phase.IDLE)) {
            throw new XmppException("not connected (" + (phase == Phase.DISCONNECTING ? "disconnecting" : state.name().toLowerCase())
                    + "): " + s.name() + " not sent");
        }
        Strophe.xmpp_send_raw(conn, xml, new SizeT(xml.length));
        writeBudget = LibraryFeatures.SEND_QUEUE_LENGTH ? Math.max(writeBudget, xml.length / 16384 + 2)
                : writeBudget + xml.length / 16384 + 1; // 0.11 cannot say what is queued: one pass per item
        if (!internal && s.name().equals("presence") && s.to() == null) {
            boolean available = s.type() == null;
            lastPresence = available ? s : null;
            lastPresenceXml = available ? xml : null;
        }
        if (client.historyWanted()) {
            client.recordHistory(StanzaHistory.Direction.OUT, s, new String(xml, StandardCharsets.UTF_8));
        }
    }

    CompletableFuture<Iq> sendIq(Iq request, byte[] xml, long timeoutMillis) {
        return sendIq(request, xml, timeoutMillis, false);
    }

    private CompletableFuture<Iq> sendIq(Iq request, byte[] xml, long timeoutMillis, boolean internal) {
        CompletableFuture<Iq> f = new CompletableFuture<>();
        try {
            sendRaw(request.stanza(), xml, internal);
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
            return f;
        }
        String id = request.id();
        EventLoop.Timer timer = loop.schedule(timeoutMillis, () -> {
            PendingIq p = pendingIqs.remove(id);
            if (p != null) {
                p.future().completeExceptionally(new XmppTimeoutException("no answer to iq " + id + " within "
                        + timeoutMillis + " ms"));
            }
        });
        PendingIq old = pendingIqs.put(id, new PendingIq(f, timer));
        if (old != null) {
            old.timer().cancel();
            old.future().completeExceptionally(new IllegalStateException("another iq was sent with the id " + id));
        }
        return f;
    }

    // ------------------------------------------------------------------ moving an SM session between clients

    /** Takes libstrophe's SM state after a lost connection (libstrophe allows it only when disconnected). */
    io.github.strophejna.jna.XmppSmState takeSmState() {
        LibraryFeatures.require(LibraryFeatures.STREAM_MANAGEMENT, "moving a Stream Management session", "xmpp_conn_get_sm_state");
        if (phase != Phase.IDLE || released) {
            throw new IllegalStateException("the Stream Management state can be taken only while disconnected");
        }
        if (!smEnabled) {
            throw new IllegalStateException("no resumable Stream Management session (none was enabled, or it was closed cleanly)");
        }
        cancel(reconnectTimer);
        io.github.strophejna.jna.XmppSmState st = StropheNewer.xmpp_conn_get_sm_state(conn);
        if (st == null || st.getPointer() == null) {
            throw new IllegalStateException("libstrophe has no Stream Management state for this connection");
        }
        smEnabled = false;
        return st;
    }

    /** Gives a taken SM state to this (not yet connected) connection; the next connect resumes it. */
    void restoreSmState(io.github.strophejna.jna.XmppSmState st) {
        LibraryFeatures.require(LibraryFeatures.STREAM_MANAGEMENT, "resuming a Stream Management session", "xmpp_conn_set_sm_state");
        if (phase != Phase.IDLE) {
            throw new IllegalStateException("restore the Stream Management state before connecting");
        }
        if (StropheNewer.xmpp_conn_set_sm_state(conn, st) != StropheConstants.XMPP_EOK) {
            throw new IllegalStateException("libstrophe refused the Stream Management state (another context?)");
        }
        smEnabled = true;
        resumePending = true;
    }

    /** Restores a state serialized by libstrophe 0.14 in another process; the next connect resumes it. */
    void restoreSmState(byte[] serialized) {
        int rc = StropheNewer.xmpp_conn_restore_sm_state(conn, serialized, new SizeT(serialized.length));
        if (rc != StropheConstants.XMPP_EOK) {
            throw new IllegalArgumentException("libstrophe refused the saved Stream Management state (error " + rc + ")");
        }
        smEnabled = true;
        resumePending = true;
    }

    private void onSmState(XmppConn c, Pointer userdata, Pointer state, SizeT length) {
        if (state == null || length.longValue() == 0) {
            return; // libstrophe signals a reset state this way: nothing to save
        }
        try {
            byte[] copy = state.getByteArray(0, Math.toIntExact(length.longValue()));
            config.smStateSink().accept(copy);
        } catch (Throwable t) {
            LOG.error("{}: the Stream Management state sink failed", config.jid(), t);
        }
    }

    /**
     * Ends the stream after a stanza over the limit, as servers treat clients that exceed theirs. It counts
     * as handled and is acknowledged, and the close is a clean one: otherwise a resumed session would be sent
     * the same stanza again, for ever. The reconnect policy then starts a fresh session.
     */
    private void refuseOversized(int length) {
        Throwable cause = new ConnectionException("the server sent a stanza of " + length + " characters, over the limit of "
                + config.maxIncomingStanza() + " (Builder.maxIncomingStanza); the stream was closed");
        LOG.warn("{}: {}", config.jid(), cause.getMessage());
        if (phase != Phase.READY) {
            abort(cause);
            return;
        }
        abortCause = cause;
        phase = Phase.DISCONNECTING;
        if (smEnabled) {
            smHandled++;
            sendAck();
            smEnabled = false; // nothing to resume: the stream ends cleanly
        }
        Strophe.xmpp_disconnect(conn);
    }

    // ------------------------------------------------------------------ liveness

    /**
     * After {@code delayMillis}, pings the server when nothing arrived for the idle time; no answer within the
     * ping timeout means the connection is half-open or the server stalled (TCP keepalive cannot tell: a proxy
     * or a hung server still acknowledges at TCP level), and the connection is aborted so the reconnect policy
     * can act.
     */
    private void watchLiveness(int forAttempt, long delayMillis) {
        loop.schedule(delayMillis, () -> {
            if (attempt != forAttempt || phase != Phase.READY || released) {
                return; // that session is over; the next one starts its own watch
            }
            long idle = config.pingWhenIdle().toMillis();
            long silent = (System.nanoTime() - lastInboundNanos) / 1_000_000;
            if (silent < idle) {
                watchLiveness(forAttempt, idle - silent);
                return;
            }
            long timeout = config.pingTimeout().toMillis();
            Iq ping = Iq.get(Jid.of(null, config.jid().domain(), null), Stanza.builder("ping").namespace(NS_PING).build());
            sendIq(ping, ping.stanza().toXml().getBytes(StandardCharsets.UTF_8), timeout, true).whenComplete((r, e) -> {
                if (attempt != forAttempt || phase != Phase.READY) {
                    return;
                }
                if (e instanceof XmppTimeoutException) {
                    abort(new ConnectionException("no answer from " + target() + " within " + timeout + " ms of a ping"
                            + " after " + silent + " ms of silence: the connection is considered lost"));
                } else {
                    watchLiveness(forAttempt, idle); // any answer, even an error, shows the server is there
                }
            });
        });
    }

    /**
     * Ends the connection at once with our own cause: shuts the socket, so libstrophe reads an end of stream
     * and reports the disconnect through the usual path (state, pending IQs, reconnect policy).
     */
    private void abort(Throwable cause) {
        if (fd < 0 || released || phase == Phase.IDLE) {
            return;
        }
        LOG.warn("{}: {}", config.jid(), cause.getMessage());
        abortCause = cause;
        SocketOptions.shutdown(fd);
    }

    // ------------------------------------------------------------------ disconnect and release

    CompletableFuture<Void> disconnect() {
        disconnectRequested = true;
        cancel(reconnectTimer);
        if (phase == Phase.IDLE || released) {
            return CompletableFuture.completedFuture(null);
        }
        if (disconnectFuture != null) {
            return disconnectFuture;
        }
        disconnectFuture = new CompletableFuture<>();
        CompletableFuture<Void> result = disconnectFuture;
        if (phase != Phase.READY) {
            if (phase == Phase.CONNECTING) {
                // said now, and once: libstrophe would otherwise go on (a SASL exchange cut short reads as
                // "cannot authenticate") or even report the session ready after this call
                phase = Phase.DISCONNECTING;
                failConnect(new ConnectionException("disconnect() was called before the session to " + target() + " was ready"));
                Strophe.xmpp_disconnect(conn);
            } // else DISCONNECTING already (the connect timeout): libstrophe is closing, the future follows
            guardDisconnect();
            return result;
        }
        phase = Phase.DISCONNECTING;
        if (config.component() || raw) {
            // components have no server to ping, unauthenticated streams may not ping (XEP-0114 routes everything); close after the queue drains
            closeStream(null);
            return result;
        }
        // The barrier: when the server answers this ping, it has everything sent before it. It waits behind
        // whatever is still queued, so the timeout counts time without progress, not time since the call.
        Iq ping = Iq.get(Jid.of(null, config.jid().domain(), null), Stanza.builder("ping").namespace(NS_PING).build());
        CompletableFuture<Iq> barrier = sendIq(ping, ping.stanza().toXml().getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE / 4, true);
        barrier.whenComplete((answer, failure) -> closeStream(failure));
        watchBarrier(barrier, ping.id(), queued(), System.nanoTime());
        return result;
    }

    /** Gives up on the barrier after the disconnect timeout passes with the send queue no shorter. */
    private void watchBarrier(CompletableFuture<Iq> barrier, String id, int queued, long lastProgress) {
        loop.schedule(100, () -> {
            if (barrier.isDone() || phase != Phase.DISCONNECTING) {
                return;
            }
            int now = queued();
            // without a queue length (0.11), a writable pass while items wait counts as progress
            long progress = now < queued || (!LibraryFeatures.SEND_QUEUE_LENGTH && writeBudget > 0) ? System.nanoTime() : lastProgress;
            if (System.nanoTime() - progress > config.disconnectTimeout().toNanos()) {
                PendingIq p = pendingIqs.remove(id);
                if (p != null) {
                    p.timer().cancel();
                }
                barrier.completeExceptionally(new XmppTimeoutException("no progress for "
                        + config.disconnectTimeout().toMillis() + " ms with " + now + " items still queued"));
            } else {
                watchBarrier(barrier, id, now, progress);
            }
        });
    }

    private void closeStream(Throwable barrierFailure) {
        if (barrierFailure != null && !(barrierFailure instanceof XmppErrorException)) {
            LOG.warn("{}: the server did not confirm before disconnect: {}", config.jid(), barrierFailure.getMessage());
        }
        if (phase != Phase.DISCONNECTING) {
            return; // the connection was lost meanwhile
        }
        if (smEnabled) {
            // libstrophe 0.12 closes without a final ack, so the server would store (and later redeliver)
            // what it thinks is unacknowledged: tell it what we handled.
            sendAck();
        }
        Strophe.xmpp_disconnect(conn);
        guardDisconnect();
    }

    /** An unrequested Stream Management ack of everything handled so far. */
    private void sendAck() {
        byte[] ack = ("<a xmlns='" + NS_SM + "' h='" + (smHandled & 0xFFFF_FFFFL) + "'/>").getBytes(StandardCharsets.UTF_8);
        Strophe.xmpp_send_raw(conn, ack, new SizeT(ack.length));
    }

    /** libstrophe waits for the server's closing tag with its own timeout; this one only guards the future. */
    private void guardDisconnect() {
        CompletableFuture<Void> f = disconnectFuture;
        loop.schedule(config.disconnectTimeout().toMillis() + 2000, () -> {
            if (f != null && !f.isDone()) {
                LOG.warn("{}: the stream did not close in time", config.jid());
                f.complete(null);
            }
        });
    }

    void release() {
        if (released) {
            return;
        }
        cancel(reconnectTimer);
        cancel(connectTimer);
        disconnectRequested = true;
        phase = Phase.IDLE; // first: the futures failed below must not find a session to complete (the SM probe would)
        failPendingIqs(new IllegalStateException("closed"));
        failConnect(new IllegalStateException("closed"));
        loop.unwatch(this);
        int unsent = queued();
        if (unsent > 0) {
            // their send futures completed when queued; only a disconnect that timed out leaves any here
            LOG.warn("{}: closed with {} stanzas still queued, never written to the server", config.jid(), unsent);
        }
        Strophe.xmpp_handler_delete(conn, stanzaHandler);
        Strophe.xmpp_conn_release(conn); // may call the connection handler one last time
        released = true;
        fd = -1;
        if (disconnectFuture != null) {
            disconnectFuture.complete(null); // a disconnect() racing with close() must not wait forever
        }
    }

    private void setState(ConnectionState s, Throwable cause) {
        if (state == s && cause == null) {
            return;
        }
        state = s;
        client.stateChanged(s, cause);
    }

    private static void cancel(EventLoop.Timer t) {
        if (t != null) {
            t.cancel();
        }
    }
}
