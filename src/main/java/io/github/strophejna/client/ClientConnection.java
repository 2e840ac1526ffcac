package io.github.strophejna.client;

import io.github.strophejna.jna.internal.SocketOptions;
import io.github.strophejna.jna.StropheConstants;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaParseException;
import java.nio.charset.StandardCharsets;
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

    /** This attempt negotiates the stream itself (libstrophe raw mode): no login, no bind. */
    private boolean raw;
    /** The native connection has been connected before: the next attempt takes a fresh one. */
    private boolean nativeConnectionUsed;
    /** Writable passes still worth asking for, see {@link #wantsWrite()}. */
    private int writeBudget;
    /** Stanzas handled in the current pass. */
    private boolean progress;
    /** libstrophe 0.13.x was told to accept a certificate we reject; the connection is closed after this pass. */
    private boolean certificateRejectedAfterHandshake;
    /** The last broadcast presence sent, re-sent after a reconnect that could not resume the session. */
    private Stanza lastPresence;
    private byte[] lastPresenceXml;
    private CompletableFuture<Session> connectFuture;
    private EventLoop.Timer connectTimer;
    private EventLoop.Timer reconnectTimer;
    private CompletableFuture<Void> disconnectFuture;
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
        this.nativeConnection = new NativeConnection(config, context, this);
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

    FailureClassifier failures() {
        return failures;
    }

    StreamManagementBook streamManagement() {
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
     * libstrophe's queue length leaves out the item it is half-way through writing, and with TLS it writes
     * one record (16 KiB) of an item per pass. So after queueing, keep asking for POLLOUT for as many
     * writable passes as the largest item could need; each costs a few microseconds if it was not needed.
     */
    @Override
    public boolean wantsWrite() {
        if (lifecycle.is(SessionLifecycle.Phase.CONNECTING)) {
            return true;
        }
        return !nativeConnection.released() && (writeBudget > 0 || nativeConnection.queued() > 0);
    }

    @Override
    public void writable() {
        if (writeBudget > 0 && (nativeConnection.released() || nativeConnection.queued() == 0)) {
            writeBudget--;
        }
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
        disconnectFuture = null;
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
        if (nativeConnectionUsed && !nativeConnection.replace(sm.enabled())) {
            sm.ended(); // a session that cannot be resumed starts afresh
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
            roundTrip(SM_ENABLE_WAIT_MILLIS, true).whenComplete((r, e) -> {
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
        if (lifecycle.reconnecting() && !sm.resumed() && lastPresenceXml != null) {
            // a fresh session starts unavailable: restore what the application had said, so the server
            // routes messages (and flushes what it stored meanwhile) to this resource again
            send(lastPresence, lastPresenceXml, true);
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
        long reconnectIn = lifecycle.closed(cause, config.reconnect());
        pendingIqs.failAll(cause != null ? cause : new ConnectionException("disconnected"));
        failConnect(cause != null ? cause : new ConnectionException("the connection to " + target()
                + " closed before the session was ready"));
        if (disconnectFuture != null) {
            disconnectFuture.complete(null);
        }
        if (reconnectIn == -2) {
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
        liveness.heard();
        if (xml.length() > config.maxIncomingStanza()) {
            refuseOversized(xml.length());
            return;
        }
        Stanza s;
        try {
            s = Stanza.parse(xml);
        } catch (StanzaParseException e) {
            LOG.warn("{}: an incoming stanza could not be read: {}", config.jid(), e.getMessage());
            return;
        }
        String ns = s.namespace();
        if (NS_SASL.equals(ns)) {
            if (s.name().equals("failure")) {
                failures.saslFailed(s.elements().isEmpty() ? "failure" : s.elements().get(0).name());
            }
            return; // never recorded nor dispatched: SASL carries credentials
        }
        if (StreamManagementBook.NS_SM.equals(ns)) {
            sm.element(s.name());
            return;
        }
        if (raw && lifecycle.is(SessionLifecycle.Phase.CONNECTING)) {
            rawNegotiation.element(s);
            return;
        }
        if (NS_STREAMS.equals(ns) && s.name().equals("error") && lifecycle.is(SessionLifecycle.Phase.READY)) {
            // libstrophe keeps the error for the disconnect event but waits for the server to close the
            // stream; a server that never does would leave a dead session behind, so close our side now
            lifecycle.closing();
            nativeConnection.disconnect();
            return;
        }
        sm.handledStanza(s.name());
        if (history.wanted()) {
            history.record(StanzaHistory.Direction.IN, s, xml);
        }
        if (s.name().equals("iq") && s.id() != null) {
            pendingIqs.answer(s);
        }
        inbound.dispatch(s);
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
        if (!lifecycle.is(SessionLifecycle.Phase.READY)) {
            abort(cause);
            return;
        }
        failures.aborted(cause);
        lifecycle.closing();
        if (sm.enabled()) {
            sm.handledStanza("message");
            nativeConnection.send(sm.ack());
            sm.ended(); // nothing to resume: the stream ends cleanly
        }
        nativeConnection.disconnect();
    }

    // ------------------------------------------------------------------ outgoing

    /** Queues a stanza the application sends; only while the session is ready. */
    void send(Stanza s, byte[] xml) {
        send(s, xml, false);
    }

    /** @param internal the client's own (a probe, a ping, a restored presence): allowed while negotiating too */
    private void send(Stanza s, byte[] xml, boolean internal) {
        if (lifecycle.released()) {
            throw new IllegalStateException("closed");
        }
        SessionLifecycle.Phase phase = lifecycle.phase();
        if (phase != SessionLifecycle.Phase.READY && !(internal && phase != SessionLifecycle.Phase.IDLE)) {
            throw new XmppException("not connected (" + (phase == SessionLifecycle.Phase.DISCONNECTING ? "disconnecting"
                    : lifecycle.state().name().toLowerCase()) + "): " + s.name() + " not sent");
        }
        nativeConnection.send(xml);
        writeBudget = LibraryFeatures.SEND_QUEUE_LENGTH ? Math.max(writeBudget, xml.length / 16384 + 2)
                : writeBudget + xml.length / 16384 + 1; // 0.11 cannot say what is queued: one pass per item
        loop.passSoon(this);
        if (!internal && s.name().equals("presence") && s.to() == null) {
            boolean available = s.type() == null;
            lastPresence = available ? s : null;
            lastPresenceXml = available ? xml : null;
        }
        if (history.wanted()) {
            history.record(StanzaHistory.Direction.OUT, s, new String(xml, StandardCharsets.UTF_8));
        }
    }

    /** Sends an IQ request and waits for its answer. */
    CompletableFuture<Iq> sendIq(Iq request, byte[] xml, long timeoutMillis) {
        return sendIq(request, xml, timeoutMillis, false);
    }

    private CompletableFuture<Iq> sendIq(Iq request, byte[] xml, long timeoutMillis, boolean internal) {
        try {
            send(request.stanza(), xml, internal);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return pendingIqs.await(request.id(), timeoutMillis);
    }

    /**
     * One server round trip (an XEP-0199 ping to our server): when it answers, it has everything sent before.
     * The SM probe, the liveness check and the disconnect barrier all use it.
     */
    CompletableFuture<Iq> roundTrip(long timeoutMillis, boolean internal) {
        Iq ping = Iq.get(Jid.of(null, config.jid().domain(), null), Stanza.builder("ping").namespace("urn:xmpp:ping").build());
        return sendIq(ping, ping.stanza().toXml().getBytes(StandardCharsets.UTF_8), timeoutMillis, internal);
    }

    /** Gives up waiting for the answer to one request, failing its future with the cause. */
    void giveUp(CompletableFuture<Iq> answer, Throwable cause) {
        pendingIqs.fail(answer, cause);
    }

    /** Raw mode's own writes (STARTTLS); not stanzas. */
    void sendRawBytes(byte[] bytes) {
        nativeConnection.send(bytes);
        loop.passSoon(this);
    }

    /** @return items in libstrophe's send queue (0 when the library cannot say) */
    int queued() {
        return nativeConnection.queued();
    }

    /** @return writes the loop still expects for what was queued (0.11's stand-in for a queue length) */
    int writeBudget() {
        return writeBudget;
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

    /**
     * Takes libstrophe's SM state after a lost connection (libstrophe allows it only when disconnected), with the
     * libstrophe context it belongs to; this connection moves to a fresh context and starts afresh.
     */
    StreamManagementState detachStreamManagement(XmppContext owner) {
        LibraryFeatures.require(LibraryFeatures.STREAM_MANAGEMENT, "moving a Stream Management session", "xmpp_conn_get_sm_state");
        if (!lifecycle.is(SessionLifecycle.Phase.IDLE)) {
            throw new IllegalStateException("the Stream Management state can be taken only while disconnected");
        }
        if (!sm.enabled()) {
            throw new IllegalStateException("no resumable Stream Management session (none was enabled, or it was closed cleanly)");
        }
        cancel(reconnectTimer);
        io.github.strophejna.jna.XmppSmState st = nativeConnection.takeSmState();
        if (st == null) {
            throw new IllegalStateException("libstrophe has no Stream Management state for this connection");
        }
        sm.ended();
        NativeContext itsContext = nativeConnection.holdContext();
        nativeConnection.moveTo(owner.newNativeContext(config.libstropheLogLevel()));
        nativeConnectionUsed = false;
        return new StreamManagementState(owner, itsContext, st);
    }

    /** Gives a detached SM state (of this connection's context) to this not yet connected connection. */
    void resume(io.github.strophejna.jna.XmppSmState st) {
        LibraryFeatures.require(LibraryFeatures.STREAM_MANAGEMENT, "resuming a Stream Management session", "xmpp_conn_set_sm_state");
        if (!nativeConnection.putSmState(st)) {
            throw new IllegalStateException("libstrophe refused the Stream Management state");
        }
        sm.restored();
    }

    /** Restores a state serialized by libstrophe 0.14 in another process; the next connect resumes it. */
    void resume(byte[] serialized) {
        int rc = nativeConnection.restoreSmState(serialized);
        if (rc != StropheConstants.XMPP_EOK) {
            throw new IllegalArgumentException("libstrophe refused the saved Stream Management state (error " + rc + ")");
        }
        sm.restored();
    }

    // ------------------------------------------------------------------ disconnect and release

    CompletableFuture<Void> disconnect() {
        lifecycle.disconnectAsked();
        cancel(reconnectTimer);
        if (lifecycle.is(SessionLifecycle.Phase.IDLE) || lifecycle.released()) {
            return CompletableFuture.completedFuture(null);
        }
        if (disconnectFuture != null) {
            return disconnectFuture;
        }
        disconnectFuture = new CompletableFuture<>();
        CompletableFuture<Void> result = disconnectFuture;
        if (lifecycle.is(SessionLifecycle.Phase.CONNECTING)) {
            // said now, and once: libstrophe would otherwise go on (a SASL exchange cut short reads as
            // "cannot authenticate") or even report the session ready after this call
            lifecycle.closing();
            failConnect(new ConnectionException("disconnect() was called before the session to " + target() + " was ready"));
            nativeConnection.disconnect();
            loop.passSoon(this);
            guardDisconnect();
            return result;
        }
        if (lifecycle.is(SessionLifecycle.Phase.DISCONNECTING)) {
            guardDisconnect(); // the connect timeout is closing it already; the future follows
            return result;
        }
        lifecycle.closing();
        if (config.component() || raw) {
            // components have no server to ping, unauthenticated streams may not ping (XEP-0114 routes everything)
            closeStream(null);
            return result;
        }
        new DisconnectBarrier(this, config, loop).start();
        return result;
    }

    /** The barrier is done (or gave up): acknowledge what we handled and close the stream. */
    void closeStream(Throwable barrierFailure) {
        if (barrierFailure != null && !(barrierFailure instanceof XmppErrorException)) {
            LOG.warn("{}: the server did not confirm before disconnect: {}", config.jid(), barrierFailure.getMessage());
        }
        if (!lifecycle.is(SessionLifecycle.Phase.DISCONNECTING)) {
            return; // the connection was lost meanwhile
        }
        if (sm.enabled()) {
            // libstrophe 0.12 closes without a final ack, so the server would store (and later redeliver)
            // what it thinks is unacknowledged: tell it what we handled.
            nativeConnection.send(sm.ack());
        }
        nativeConnection.disconnect();
        loop.passSoon(this);
        guardDisconnect();
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
        if (disconnectFuture != null) {
            disconnectFuture.complete(null); // a disconnect() racing with close() must not wait forever
        }
    }

    static void cancel(EventLoop.Timer t) {
        if (t != null) {
            t.cancel();
        }
    }
}
