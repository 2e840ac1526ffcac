package io.github.strophejna.client;

import io.github.strophejna.jna.internal.SocketOptions;
import io.github.strophejna.jna.StropheConstants;
import io.github.strophejna.stanza.Jid;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's session over its {@link NativeConnection}: connect and login, the readiness of the session,
 * what arrives, what is sent, the server round trips (liveness, disconnect barrier), disconnect, reconnect and
 * release. It decides with its parts ({@link SessionLifecycle}, {@link FailureClassifier},
 * {@link StreamManagementBook}, {@link PendingIqs}) and hands stanzas to the {@link InboundDispatcher}. Loop
 * thread only.
 */
final class ClientConnection implements EventLoop.Watched, NativeConnection.Events {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    static final String NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String NS_STREAMS = "http://etherx.jabber.org/streams";
    static final String NS_TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    private static final long SM_ENABLE_WAIT_MILLIS = 5000;

    private final ClientConfig config;
    private final EventLoop loop;
    private final InboundDispatcher inbound;
    private final StanzaHistory history;
    private final NativeConnection nativeConnection;
    private final SessionLifecycle lifecycle;
    private final FailureClassifier failures = new FailureClassifier();
    private final StreamManagementBook sm = new StreamManagementBook();
    private final PendingIqs pendingIqs;
    private final Liveness liveness;
    private final RawNegotiation rawNegotiation;
    private final Disconnection disconnection;
    private final Outbound outbound;
    private final Incoming incoming;

    /** This attempt negotiates the stream itself (libstrophe raw mode): no login, no bind. */
    private boolean raw;
    /** The native connection has been connected before: the next attempt must make it fit for another stream. */
    private boolean nativeConnectionUsed;
    /**
     * Stanzas a state restored from another process had queued and not written yet: libstrophe frees its send
     * queue at the next connect, so the client takes them out after the restore and sends them once the session
     * is ready (see {@link #resume(byte[])}).
     */
    private java.util.List<byte[]> restoredUnsent = java.util.List.of();
    /** A state restored on a library without the sm-restore fix awaits its (doomed) attempt; see resume(byte[]). */
    private boolean brokenRestorePending;
    /** Stanzas handled in the current pass. */
    private boolean progress;
    /** libstrophe 0.13.x was told to accept a certificate we reject; the connection is closed after this pass. */
    private boolean certificateRejectedAfterHandshake;
    private CompletableFuture<Session> connectFuture;
    private LoopTimers.Timer connectTimer;
    private LoopTimers.Timer reconnectTimer;
    /** CONNECT signals ignored as repeats, for tests (volatile: read from the test's thread). */
    private volatile int duplicateConnectSignals;

    /**
     * @param context the libstrophe context to live in (a fresh one, or a detached SM state's); held from now on
     */
    ClientConnection(ClientConfig config, EventLoop loop, NativeContext context, InboundDispatcher inbound, StanzaHistory history) {
        this.config = config;
        this.loop = loop;
        this.inbound = inbound;
        this.history = history;
        this.lifecycle = new SessionLifecycle(inbound::stateChanged);
        this.pendingIqs = new PendingIqs(loop);
        this.liveness = new Liveness(this, config, loop);
        this.rawNegotiation = new RawNegotiation(this, config);
        this.disconnection = new Disconnection(this, config, loop);
        this.nativeConnection = new NativeConnection(config, context, this);
        this.outbound = new Outbound(this, nativeConnection, lifecycle, history, pendingIqs);
        this.incoming = new Incoming(this, config, inbound, history);
        loop.watch(this);
    }

    ConnectionState state() {
        return lifecycle.state();
    }

    /** @return how many repeated CONNECT signals libstrophe sent and this connection ignored (0.13.0) */
    int duplicateConnectSignals() {
        return duplicateConnectSignals;
    }

    NativeConnection nativeConnection() {
        return nativeConnection;
    }

    SessionLifecycle lifecycle() {
        return lifecycle;
    }

    ClientConfig config() {
        return config;
    }

    Liveness liveness() {
        return liveness;
    }

    RawNegotiation rawNegotiation() {
        return rawNegotiation;
    }

    PendingIqs pendingIqs() {
        return pendingIqs;
    }

    FailureClassifier failures() {
        return failures;
    }

    StreamManagementBook sm() {
        return sm;
    }

    // ------------------------------------------------------------------ EventLoop.Watched

    @Override
    public int fd() {
        return nativeConnection.fd();
    }

    @Override
    public boolean busy() {
        return lifecycle.busy();
    }

    /**
     * While the TCP connect is in progress (writable means connected), and while what was queued may still need
     * writable passes (see {@link Outbound#wantsWrite()}). Not for the whole login: a connected socket is always
     * writable, and asking then made every connecting connection pass at every turn.
     */
    @Override
    public boolean wantsWrite() {
        return (lifecycle.is(SessionLifecycle.Phase.CONNECTING) && nativeConnection.tcpConnecting()) || outbound.wantsWrite();
    }

    @Override
    public void writable() {
        outbound.writable();
    }

    @Override
    public void forgetFd() {
        nativeConnection.forgetFd();
    }

    /**
     * One libstrophe pass, then what must happen before the next: on 0.13.x a connection whose TLS start failed
     * (or whose certificate we rejected after letting the handshake complete) must never see another pass, or
     * libstrophe writes through a freed TLS session (see {@link LibraryFeatures#FAILED_TLS_START_KEEPS_TLS_INTERFACE}).
     * The log line saying so is this connection's own: its context has no other.
     */
    @Override
    public boolean pass() {
        progress = false;
        nativeConnection.runOnce();
        if (outbound.writePassDue()) {
            int fd = nativeConnection.fd();
            outbound.afterPass(fd < 0 || loop.writableNow(fd));
        }
        boolean tlsStartFailed = nativeConnection.signals().takeTlsStartFailure();
        if (nativeConnection.released() || lifecycle.is(SessionLifecycle.Phase.IDLE)) {
            certificateRejectedAfterHandshake = false;
            return progress;
        }
        if (certificateRejectedAfterHandshake) {
            certificateRejectedAfterHandshake = false;
            dropNativeConnection(null); // the classifier reports the rejected certificate
        } else if (tlsStartFailed && LibraryFeatures.FAILED_TLS_START_KEEPS_TLS_INTERFACE) {
            dropNativeConnection(new TlsException("the TLS handshake with " + target() + " failed", null));
        }
        return progress;
    }

    // ------------------------------------------------------------------ connect

    /**
     * @param login false: open the stream (with STARTTLS per the policy) but neither authenticate nor bind,
     *        through libstrophe's raw mode (in-band registration needs that)
     */
    CompletableFuture<Session> connect(boolean login) {
        try {
            lifecycle.connectRequested(sm.takeResumePending()); // a restored state resumes like a reconnect
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        cancel(reconnectTimer);
        disconnection.reset();
        raw = !login;
        rawNegotiation.reset();
        connectFuture = new CompletableFuture<>();
        CompletableFuture<Session> f = connectFuture;
        startAttempt();
        if (lifecycle.is(SessionLifecycle.Phase.CONNECTING)) {
            connectTimer = loop.schedule(config.connectTimeout().toMillis(), () -> {
                if (lifecycle.is(SessionLifecycle.Phase.CONNECTING)) {
                    failConnect(new ConnectionException("timed out after " + config.connectTimeout().toMillis()
                            + " ms connecting to " + target()));
                    // libstrophe closes the stream politely and waits for the server (its own timeout) before
                    // reporting the disconnect; the state follows then, without a second cause.
                    lifecycle.disconnectAsked();
                    lifecycle.closing();
                    nativeConnection.disconnect();
                }
            });
        }
        return f;
    }

    private void startAttempt() {
        failures.newAttempt();
        sm.newAttempt();
        if (nativeConnectionUsed) {
            prepareForAnotherStream();
        }
        nativeConnectionUsed = true;
        lifecycle.attemptStarted();
        char[] password = config.password().get();
        int rc;
        try {
            char[] pw = password == null ? new char[0] : password;
            Passwords.requireNoNul(pw);
            rc = nativeConnection.connect(config.component() ? NativeConnection.Mode.COMPONENT
                    : raw ? NativeConnection.Mode.RAW : NativeConnection.Mode.CLIENT, pw);
        } finally {
            Passwords.wipe(password);
        }
        if (rc != StropheConstants.XMPP_EOK && lifecycle.is(SessionLifecycle.Phase.CONNECTING)) {
            Throwable known = classify(0, null).cause();
            Throwable e = known != null ? known : new ConnectionException("cannot start connecting to " + target()
                    + " (libstrophe error " + rc + "; is the host name right?)");
            lifecycle.attemptRefused(e);
            failConnect(e);
        }
    }

    /**
     * Before every attempt after the first, the used native connection is made fit for another stream. It had
     * two reasons to be renewed (a fresh xmpp_conn_t, see {@link NativeConnection#replace}), decided apart:
     * <ol>
     * <li>libstrophe's parser_reset (stock 0.12 to master) frees a half-read text node but keeps its length and
     * capacity, so after a stream that ended inside an element's text (a cut, malformed XML, an abort) the next
     * stream's first text comes out with garbage in front, or, when it is one or two characters long, strncat
     * writes through a NULL pointer and the process dies. Stock: a fresh connection before every attempt (an
     * unclean end cannot be told for sure: our own disconnect can time out inside a stanza too). With the
     * project's {@code parser-reset} fix ({@link LibraryFeatures#PARSER_RESET}) the same one is used again.
     * <li>libstrophe keeps a connection's Stream Management state across connects and resets it only in part
     * (every version, fixed builds too: it is how it resumes): a new session, after a clean close or a session
     * the server will not resume, would be sent the last session's unacknowledged stanzas again after
     * {@code <enabled/>}, and counts from the old numbers until then (the "acknowledgements of the last
     * session" of 0.14 that a renewal avoided). No patch changes that, so this reason stays: a reused connection
     * drops its SM state ({@link NativeConnection#dropSmState()}) unless the session is to be resumed, when the
     * state must stay, as it moves over to a fresh connection on a stock library.
     * </ol>
     * Not a reason: the count of sent stanzas after a resumption (fixed by {@code sm-resume-count}), which a
     * renewal never changed, the SM state moving over with its counters.
     */
    private void prepareForAnotherStream() {
        boolean resuming = sm.enabled();
        if (LibraryFeatures.PARSER_RESET) {
            if (!resuming) {
                nativeConnection.dropSmState();
            }
        } else if (!nativeConnection.replace(resuming)) {
            sm.ended(); // a session that cannot be resumed starts afresh
        }
    }

    /**
     * Closes the native connection without another libstrophe pass and puts a fresh one in its place: for a
     * connection that pass must not touch. Releasing it runs libstrophe's conn_disconnect, which closes the
     * socket without writing and reports DISCONNECT, so the usual path (state, futures, reconnect policy) follows.
     *
     * @param cause what to report, or null to let the classifier say
     */
    private void dropNativeConnection(Throwable cause) {
        if (cause != null) {
            failures.aborted(cause);
        }
        sm.ended(); // nothing of this stream can be resumed
        nativeConnection.replace(false);
        nativeConnectionUsed = false;
    }

    /** @return this attempt negotiates the stream itself (raw mode) */
    boolean raw() {
        return raw;
    }

    /** Asks the loop for a pass soon (something was queued or closed). */
    void passSoon() {
        loop.passSoon(this);
    }

    /** @return our server's domain, whom round trips address */
    String domain() {
        return config.jid().domain();
    }

    String target() {
        String host = config.host() != null ? config.host() : config.jid().domain();
        return host + ":" + (config.port() == 0 ? "5222 (or DNS SRV)" : config.port());
    }

    void failConnect(Throwable cause) {
        cancel(connectTimer);
        if (connectFuture != null && !connectFuture.isDone()) {
            connectFuture.completeExceptionally(cause);
        }
    }

    // ------------------------------------------------------------------ NativeConnection.Events

    @Override
    public void connectionEvent(int event, int error, StreamErrorException streamError) {
        if (lifecycle.is(SessionLifecycle.Phase.DISCONNECTING) && event != StropheConstants.XMPP_CONN_DISCONNECT
                && event != StropheConstants.XMPP_CONN_FAIL) {
            return; // disconnect() came first: a session completing now is closed, not reported ready
        }
        if (event == StropheConstants.XMPP_CONN_RAW_CONNECT) {
            nativeConnection.openStream(); // the server's features come next (RawNegotiation)
        } else if (event == StropheConstants.XMPP_CONN_CONNECT && raw) {
            return; // raw mode reports each opened stream; the features that follow decide
        } else if (event == StropheConstants.XMPP_CONN_CONNECT && !lifecycle.connectSignal()) {
            // libstrophe 0.13.0 reports the session twice when the server requires session establishment and
            // offers Stream Management (fixed in 0.13.1): the session is ready once
            LOG.debug("{}: a second CONNECT for the same session ignored", config.jid());
            duplicateConnectSignals++;
        } else if (event == StropheConstants.XMPP_CONN_CONNECT) {
            connected();
        } else {
            disconnected(error, streamError);
        }
    }

    private void connected() {
        LogSignals.SmNote note = nativeConnection.signals().takeSmNote();
        if (note != null) {
            sm.answered(note); // libstrophe 0.13+ reports the session only after <enabled/>, <resumed/> or <failed/>
            sessionReady();
        } else if (config.streamManagement() && !config.component() && LibraryFeatures.STREAM_MANAGEMENT) {
            // libstrophe 0.12 sent <enable/> (when the server offers SM) before this event, and user handlers
            // see no stream features: one round trip tells whether <enabled/> or <failed/> came back.
            boolean hadSession = sm.probing();
            boolean reconnecting = lifecycle.reconnecting();
            outbound.roundTrip(SM_ENABLE_WAIT_MILLIS, true).whenComplete((r, e) -> {
                if (lifecycle.is(SessionLifecycle.Phase.CONNECTING)) {
                    sm.probed(hadSession, reconnecting);
                    sessionReady();
                }
            });
        } else {
            sessionReady();
        }
    }

    void sessionReady() {
        cancel(connectTimer);
        String bound = nativeConnection.boundJid();
        Session session = new Session(bound == null ? config.jid() : Jid.parse(bound), nativeConnection.secured(),
                sm.enabled(), sm.resumed());
        lifecycle.ready(sm.resumed());
        liveness.sessionStarted(lifecycle.attempt(), !config.component() && !raw);
        brokenRestorePending = false;
        if (lifecycle.reconnecting() && !sm.resumed()) {
            outbound.restorePresence();
        }
        if (!restoredUnsent.isEmpty()) {
            // after what libstrophe resent from the restored state's SM queue (written before these were queued),
            // whether the session was resumed or, the server having forgotten it, is a new one: libstrophe
            // resends its unacknowledged stanzas on a new session as well
            for (byte[] xml : restoredUnsent) {
                outbound.sendRaw(xml);
            }
            restoredUnsent = java.util.List.of();
        }
        if (connectFuture != null && !connectFuture.isDone()) {
            connectFuture.complete(session);
        }
    }

    private void disconnected(int error, StreamErrorException streamError) {
        FailureClassifier.Verdict verdict = classify(error, streamError);
        Throwable cause = verdict.cause();
        if (cause == null || verdict.endsStreamManagement()) {
            sm.ended(); // a clean close ends the SM session; a loss may resume it
        }
        if (brokenRestorePending) {
            // the attempt that was to resume a state restored on a library without the sm-restore fix: see resume(byte[])
            brokenRestorePending = false;
            sm.ended();
            LOG.warn("{}: the Stream Management state restored from another process could not be resumed (libstrophe {}"
                    + " lacks the project's sm-restore fix); the next attempt starts a new session", config.jid(),
                    io.github.strophejna.jna.LibStrophe.version());
        }
        long reconnectIn = lifecycle.closed(cause, config.reconnect());
        pendingIqs.failAll(cause != null ? cause : new ConnectionException("disconnected"));
        failConnect(cause != null ? cause : new ConnectionException("the connection to " + target()
                + " closed before the session was ready"));
        disconnection.closed();
        if (reconnectIn == SessionLifecycle.GAVE_UP) {
            LOG.warn("{}: giving up reconnecting after {} attempts", config.jid(), lifecycle.reconnectAttempts());
        } else if (reconnectIn >= 0) {
            LOG.info("{}: reconnecting in {} ms (attempt {})", config.jid(), reconnectIn, lifecycle.reconnectAttempts());
            reconnectTimer = loop.schedule(reconnectIn, () -> {
                if (lifecycle.reconnectDue()) {
                    startAttempt();
                }
            });
        }
    }

    private FailureClassifier.Verdict classify(int error, StreamErrorException streamError) {
        return failures.classify(error, streamError, nativeConnection.signals().takeFailure(),
                nativeConnection.descriptorTooLarge(), target(), config.jid());
    }

    @Override
    public boolean acceptCertificate(CertificateInfo info) {
        boolean accept = false;
        if (config.certificateVerifier() != null) {
            try {
                accept = config.certificateVerifier().test(info);
            } catch (RuntimeException e) {
                LOG.error("the certificate verifier of {} threw; rejecting {}", config.jid(), info, e);
            }
        }
        if (accept) {
            return true;
        }
        failures.certificateRejected(info);
        if (LibraryFeatures.FAILED_TLS_START_KEEPS_TLS_INTERFACE) {
            // a failed handshake leaves 0.13.x one pass from a crash: let this one complete instead and close
            // the connection before the next pass, which would write its first byte over it
            certificateRejectedAfterHandshake = true;
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ incoming

    @Override
    public void element(String xml) {
        progress = true;
        incoming.element(xml);
    }

    // ------------------------------------------------------------------ outgoing

    /** @return the sending side: stanzas, IQ requests, server round trips */
    Outbound outbound() {
        return outbound;
    }

    /**
     * Ends the connection at once with our own cause: shuts the socket, so libstrophe reads an end of stream
     * and reports the disconnect through the usual path (state, pending IQs, reconnect policy).
     */
    void abort(Throwable cause) {
        int fd = nativeConnection.fd();
        if (fd < 0 || lifecycle.released() || lifecycle.is(SessionLifecycle.Phase.IDLE)) {
            return;
        }
        LOG.warn("{}: {}", config.jid(), cause.getMessage());
        failures.aborted(cause);
        SocketOptions.shutdown(fd);
    }

    // ------------------------------------------------------------------ moving an SM session

    /** See {@link StreamManagementState#detach}. */
    StreamManagementState detachStreamManagement(XmppContext owner) {
        StreamManagementState st = StreamManagementState.detach(this, owner);
        cancel(reconnectTimer);
        nativeConnectionUsed = false; // it moved to a fresh context and connection
        return st;
    }

    /**
     * Gives a detached SM state (of this connection's context) to this not yet connected connection.
     *
     * @param handled the stanzas the session had handled, as the client it was taken from counted them
     */
    void resume(io.github.strophejna.jna.XmppSmState st, long handled) {
        LibraryFeatures.require(LibraryFeatures.STREAM_MANAGEMENT, "resuming a Stream Management session", "xmpp_conn_set_sm_state");
        if (!nativeConnection.putSmState(st)) {
            throw new IllegalStateException("libstrophe refused the Stream Management state");
        }
        sm.restored(handled);
    }

    /**
     * Restores a state serialized by libstrophe 0.14 in another process; the next connect resumes it.
     *
     * <p>With the project's {@code sm-restore} fix ({@link LibraryFeatures#SM_RESTORE}) libstrophe resumes it:
     * after authentication, {@code <resume previd=... h=.../>}, then what the server had not acknowledged is
     * resent from the state's SM queue. What the state's send queue held (never written) libstrophe would free
     * at connect, and it marks every item of it as the application's, its own {@code <r/>} and {@code <a/>}
     * among them: the client takes them all out now, and sends the stanzas among them once the session is
     * ready (resumed, or new if the server forgot it).
     *
     * <p>Without it (every stock 0.14 and master), libstrophe treats the restored session as enabled at once:
     * it sends {@code <r/>} during the new stream's negotiation, which the server refuses, so the attempt fails
     * (typed); and the state would then resume nothing (its id is where a new session's goes). The client gives
     * the state up when that attempt ends, so the next one binds a new session ({@code CONNECTED}, not
     * {@code RESUMED}); what the old session had not delivered is the server's to store or bounce.
     */
    void resume(byte[] serialized) {
        int rc = nativeConnection.restoreSmState(serialized);
        if (rc != StropheConstants.XMPP_EOK) {
            throw new IllegalArgumentException("libstrophe refused the saved Stream Management state (error " + rc + ")");
        }
        sm.restored(SmStateBytes.parse(serialized).handled()); // libstrophe read it: the format is known
        if (LibraryFeatures.SM_RESTORE) {
            java.util.List<byte[]> stanzas = new java.util.ArrayList<>();
            for (byte[] item : nativeConnection.drainSendQueue()) {
                if (SmStateBytes.isStanza(new String(item, java.nio.charset.StandardCharsets.UTF_8))) {
                    stanzas.add(item);
                }
            }
            restoredUnsent = java.util.List.copyOf(stanzas);
        } else {
            brokenRestorePending = true;
        }
    }

    // ------------------------------------------------------------------ disconnect and release

    CompletableFuture<Void> disconnect() {
        return disconnection.request();
    }

    void release() {
        if (lifecycle.released()) {
            return;
        }
        cancel(reconnectTimer);
        cancel(connectTimer);
        lifecycle.release(); // first: the futures failed below must not find a session to complete (the SM probe would)
        pendingIqs.failAll(new IllegalStateException("closed"));
        failConnect(new IllegalStateException("closed"));
        loop.unwatch(this);
        int unsent = nativeConnection.queued();
        if (unsent > 0) {
            // their send futures completed when queued; only a disconnect that timed out leaves any here
            LOG.warn("{}: closed with {} stanzas still queued, never written to the server", config.jid(), unsent);
        }
        nativeConnection.release();
        disconnection.closed(); // a disconnect() racing with close() must not wait forever
    }

    void cancelReconnect() {
        cancel(reconnectTimer);
    }

    static void cancel(LoopTimers.Timer t) {
        if (t != null) {
            t.cancel();
        }
    }
}
