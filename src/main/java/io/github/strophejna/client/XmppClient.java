package io.github.strophejna.client;

import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XMPP client over libstrophe, safe to use from any thread.
 *
 * <p><b>Threading.</b> The client's libstrophe connection lives on one event-loop thread (its own, named
 * after its JID, or the shared one of an {@link XmppContext}); every native call happens there. Every public
 * method may be called from any thread: the work is handed to the loop (run inline when already on it) and
 * the result comes back as a {@link CompletableFuture}, completed on the loop thread. Handlers and listeners
 * run on the loop thread by default, in arrival order; with {@link Builder#handlerExecutor} they run on that
 * executor instead, still one at a time and in order. A handler must not block the loop thread (waiting on
 * a future of this client there would deadlock); an exception from a handler is logged with the stanza and
 * changes nothing else.
 *
 * <p><b>Ownership.</b> The client owns its native connection; {@link #close()} frees it and releases the
 * context (stopping the loop when it owns it). Stanzas given to handlers are immutable Java objects that
 * stay valid forever; nothing native escapes.
 */
public final class XmppClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(XmppClient.class);

    private final ClientConfig config;
    private final XmppContext context;
    private final EventLoop loop;
    private final ClientConnection connection;
    private final StanzaHistory history;
    private final InboundDispatcher inbound;
    private final List<UnaryOperator<Stanza>> outgoing = new CopyOnWriteArrayList<>();
    private final Map<Class<?>, Object> extensions = new HashMap<>();
    private volatile boolean closed;

    private XmppClient(ClientConfig config) {
        this.config = config;
        StreamManagementState resumeFrom = config.resume();
        if (resumeFrom != null && resumeFrom.context() != config.context()) {
            throw new IllegalArgumentException("a Stream Management state can be resumed only on its own XmppContext");
        }
        if (config.context() != null) {
            config.context().acquire();
            this.context = config.context();
        } else {
            this.context = XmppContext.create("strophe-" + config.jid(), config.libstropheLogLevel());
        }
        this.loop = context.loop();
        this.history = new StanzaHistory(config.historySize());
        this.inbound = new InboundDispatcher(config.jid(), config.handlerExecutor(), this::reply);
        try {
            this.connection = loop.call(this::openConnection).join();
        } catch (java.util.concurrent.CompletionException e) {
            context.release();
            throw e.getCause() instanceof RuntimeException r ? r : e; // the typed cause, not the wrapper
        } catch (RuntimeException e) {
            context.release();
            throw e;
        }
    }

    /** Makes the native side on the loop thread: in a fresh libstrophe context, or in a resumed state's own. */
    private ClientConnection openConnection() {
        StreamManagementState.Taken taken = null;
        if (config.resume() != null) {
            taken = config.resume().take();
            if (taken == null) {
                throw new IllegalStateException("this Stream Management state was already used or freed");
            }
        }
        NativeContext nativeContext = taken != null ? taken.context() : context.newNativeContext(config.libstropheLogLevel());
        ClientConnection c = new ClientConnection(config, loop, nativeContext, inbound, history);
        if (taken != null) {
            c.resume(taken.state(), taken.handled());
        }
        if (config.resumeBytes() != null) {
            c.resume(config.resumeBytes());
        }
        return c;
    }

    /** @return a builder; {@link Builder#jid} and {@link Builder#password} are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this client's settings, to make a variant (another resource, another server): what is
     * changed on it does not affect this client. A {@link Builder#resume} state is not carried over.
     *
     * @return a new builder
     */
    public Builder newBuilder() {
        return config.newBuilder();
    }

    /** @return the configured JID */
    public Jid jid() {
        return config.jid();
    }

    /** @return the stanzas sent and received lately (see {@link Builder#historySize}) */
    public StanzaHistory history() {
        return history;
    }

    /** @return true when the calling thread is this client's event-loop thread */
    public boolean inEventLoop() {
        return loop.inEventLoop();
    }

    /** @return the current connection state */
    public ConnectionState state() {
        return connection.state();
    }

    /**
     * Connects, negotiates TLS, authenticates and binds a resource. Called on the loop thread (a handler, a
     * future's continuation), it still starts as a loop task of its own, after the current callback:
     * libstrophe must not be asked to connect from inside one of its callbacks.
     *
     * @return completes with the session when it is ready, or fails with {@link AuthenticationException},
     *         {@link TlsException}, {@link ConnectionException}, {@link StreamErrorException} or
     *         {@link XmppTimeoutException}; fails with {@link IllegalStateException} when already connecting
     *         or connected
     */
    public CompletableFuture<Session> connect() {
        checkOpen();
        return loop.callOutsideCallbacks(() -> connection.connect(true)).thenCompose(f -> f);
    }

    /**
     * Takes this client's Stream Management session after its connection was lost (not after
     * {@link #disconnect()}, which ends it), for another client object on the same context to resume
     * ({@link Builder#resume}). This client then starts afresh at its next connect.
     *
     * @return the state; fails with {@link IllegalStateException} while connected or when there is nothing to resume
     */
    public CompletableFuture<StreamManagementState> detachStreamManagement() {
        checkOpen();
        return loop.callOutsideCallbacks(() -> connection.detachStreamManagement(context));
    }

    /**
     * Opens a stream to the server, secured as the TLS policy says, without logging in or binding a resource:
     * what in-band registration (XEP-0077) of a new account needs. Only the server may be addressed on such
     * a stream (no {@code to}, or its domain); {@link #disconnect()} closes it. The password is not used.
     *
     * @return completes when the stream is ready (the session's JID is the configured one, unbound)
     */
    public CompletableFuture<Session> connectWithoutLogin() {
        checkOpen();
        return loop.callOutsideCallbacks(() -> connection.connect(false)).thenCompose(f -> f);
    }

    /**
     * Sends a stanza. It goes through the outgoing interceptors and is serialised on the calling thread, then
     * queued on the loop thread.
     *
     * @param stanza the stanza
     * @return completes when libstrophe has queued it (not when the server has it: {@link #disconnect()} and
     *         {@link #sendIq} are barriers); fails when not connected
     */
    public CompletableFuture<Void> send(Stanza stanza) {
        Objects.requireNonNull(stanza, "stanza");
        checkOpen();
        Stanza out = intercept(stanza);
        byte[] xml = out.toXml().getBytes(StandardCharsets.UTF_8);
        return loop.call(() -> {
            connection.outbound().send(out, xml, false);
            return null;
        });
    }

    private Stanza intercept(Stanza stanza) {
        Stanza s = stanza;
        for (UnaryOperator<Stanza> op : outgoing) {
            s = Objects.requireNonNull(op.apply(s), "an outgoing interceptor returned null");
        }
        return s;
    }

    /**
     * Rewrites every stanza sent from now on (e.g. adds Entity Capabilities to presence). Interceptors run
     * on the sending thread, in registration order, and must be quick and thread-safe.
     *
     * @param interceptor returns the stanza to send instead (or the same one)
     * @return removes it
     */
    public Registration interceptOutgoing(UnaryOperator<Stanza> interceptor) {
        outgoing.add(Objects.requireNonNull(interceptor, "interceptor"));
        return () -> outgoing.remove(interceptor);
    }

    /**
     * The client's one instance of a helper (a protocol extension), made on first use: how the XEP helpers
     * keep per-client state. Thread-safe.
     *
     * @param <T> the helper type
     * @param type its class, the key
     * @param factory makes it for this client
     * @return the instance
     */
    public <T> T extension(Class<T> type, Function<XmppClient, T> factory) {
        synchronized (extensions) { // a lock, not computeIfAbsent: one helper's factory may ask for another
            Object existing = extensions.get(type);
            if (existing == null) {
                existing = Objects.requireNonNull(factory.apply(this), "factory");
                extensions.put(type, existing);
            }
            return type.cast(existing);
        }
    }

    /** @param message the message @return see {@link #send(Stanza)} */
    public CompletableFuture<Void> send(Message message) {
        return send(Objects.requireNonNull(message, "message").stanza());
    }

    /** @param presence the presence @return see {@link #send(Stanza)} */
    public CompletableFuture<Void> send(Presence presence) {
        return send(Objects.requireNonNull(presence, "presence").stanza());
    }

    /**
     * Sends raw XML, checked to be one well-formed element first.
     *
     * @param xml the element
     * @return see {@link #send(Stanza)}
     * @throws io.github.strophejna.stanza.StanzaParseException when it is not well-formed
     */
    public CompletableFuture<Void> sendXml(String xml) {
        return send(Stanza.parse(xml));
    }

    /**
     * Sends an IQ request and waits for its answer, for at most {@link Builder#iqTimeout}.
     *
     * @param request a get or set
     * @return the result; fails with {@link XmppErrorException} on an error answer, {@link XmppTimeoutException}
     *         when none comes in time, {@link ConnectionException} when the connection is lost first
     */
    public CompletableFuture<Iq> sendIq(Iq request) {
        return sendIq(request, config.iqTimeout());
    }

    /**
     * Sends an IQ request and waits for its answer.
     *
     * @param request a get or set
     * @param timeout how long to wait for the answer
     * @return see {@link #sendIq(Iq)}
     */
    public CompletableFuture<Iq> sendIq(Iq request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        if (!request.isRequest() || request.id() == null) {
            throw new IllegalArgumentException("sendIq needs a get or set with an id, not " + request);
        }
        checkOpen();
        Stanza out = intercept(request.stanza());
        byte[] xml = out.toXml().getBytes(StandardCharsets.UTF_8);
        Iq sent = Iq.of(out);
        return loop.call(() -> connection.outbound().sendIq(sent, xml, timeout.toMillis(), false)).thenCompose(f -> f);
    }

    /**
     * Calls the handler for every incoming message.
     *
     * @param handler runs on the loop thread (or the handler executor)
     * @return removes it
     */
    public Registration onMessage(Consumer<Message> handler) {
        return inbound.onMessage(handler);
    }

    /**
     * Calls the handler for every incoming presence.
     *
     * @param handler runs on the loop thread (or the handler executor)
     * @return removes it
     */
    public Registration onPresence(Consumer<Presence> handler) {
        return inbound.onPresence(handler);
    }

    /**
     * Answers get and set IQs whose payload has this namespace: the handler's return value becomes the
     * result, an {@link XmppErrorException} the error. Requests no handler claims get
     * {@code service-unavailable} (RFC 6120).
     *
     * @param namespace the payload namespace, e.g. "urn:xmpp:ping"
     * @param handler runs on the loop thread (or the handler executor)
     * @return removes it
     * @throws IllegalStateException when the namespace already has a handler
     */
    public Registration onIq(String namespace, IqHandler handler) {
        return inbound.onIq(namespace, handler);
    }

    /**
     * Calls the handler for every incoming stanza the filter accepts (a {@link StanzaFilter} selects by
     * name, namespace and type, as libstrophe does).
     *
     * @param filter which stanzas
     * @param handler runs on the loop thread (or the handler executor)
     * @return removes it
     */
    public Registration addHandler(Predicate<Stanza> filter, Consumer<Stanza> handler) {
        return inbound.addHandler(filter, handler);
    }

    /**
     * Calls the listener at each connection state change.
     *
     * @param listener runs on the loop thread (or the handler executor)
     * @return removes it
     */
    public Registration onStateChange(Consumer<ConnectionState.StateChange> listener) {
        return inbound.onStateChange(listener);
    }

    /**
     * Runs a task periodically on the loop thread (or the handler executor), first after one period.
     *
     * @param period the period, at least 1 ms
     * @param task the task; an exception it throws is logged and the schedule goes on
     * @return cancels it
     */
    public Registration schedule(Duration period, Runnable task) {
        Objects.requireNonNull(task, "task");
        long millis = Objects.requireNonNull(period, "period").toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("period must be at least 1 ms");
        }
        checkOpen();
        PeriodicTask p = new PeriodicTask(loop, millis, () -> inbound.deliver(task, "scheduled task", null), () -> closed);
        try {
            loop.execute(p::arm);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("this XmppClient is closed", e); // closed by another thread meanwhile
        }
        return p::cancel;
    }

    /**
     * Closes the session without losing what was sent before: waits for a server round trip (an XEP-0199
     * ping) so the server has everything queued, acknowledges what was received when Stream Management is
     * on (so the server does not store it again), then closes the stream. Each step is bounded by the
     * disconnect timeout. Idempotent; completes at once when not connected.
     *
     * @return completes when disconnected
     */
    public CompletableFuture<Void> disconnect() {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        return loop.call(connection::disconnect).thenCompose(f -> f);
    }

    /**
     * Disconnects (as {@link #disconnect()}), frees the native connection and its libstrophe context, and
     * releases the event loop (stopping it when the client owns it). Idempotent; later calls of other methods
     * throw {@link IllegalStateException}. Must not be called from a handler running on the loop thread.
     */
    @Override
    public void close() {
        if (loop.inEventLoop()) { // checked first: a refused close must leave the client usable, not half closed
            throw new IllegalStateException("close() from a handler on the event loop would wait for itself");
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            loop.call(connection::disconnect).thenCompose(f -> f)
                    .get(config.disconnectTimeout().toMillis() * 3 + 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("disconnect during close() did not finish cleanly", e);
        }
        try {
            loop.call(() -> {
                connection.release();
                return null;
            }).join();
        } finally {
            context.release();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this XmppClient is closed");
        }
    }

    /** @return the native side, for tests in this package */
    ClientConnection connection() {
        return connection;
    }

    /** Answers an incoming IQ request (the dispatcher's replies); never throws. */
    private void reply(Iq answer) {
        if (closed) {
            return;
        }
        send(answer.stanza()).exceptionally(e -> {
            LOG.debug("could not answer an IQ: {}", e.toString());
            return null;
        });
    }

    /**
     * Builds an {@link XmppClient}. Not thread-safe; {@link #build()} copies everything, so one builder can
     * make several clients. Every setting documents its default.
     */
    public static final class Builder implements Cloneable {
        // package-private: ClientConfig reads them (each default is written here, once)
        Jid jid;
        Supplier<char[]> password;
        String host;
        int port;
        String resource;
        TlsPolicy tls = TlsPolicy.REQUIRED;
        boolean trustAnyCertificate;
        Path caFile;
        Path caPath;
        Path clientCertificate;
        Path clientKey;
        Supplier<char[]> clientKeyPassword;
        Predicate<CertificateInfo> certificateVerifier;
        boolean legacyAuth;
        boolean streamManagement = true;
        Duration keepAliveIdle = Duration.ofSeconds(60);
        Duration keepAliveInterval = Duration.ofSeconds(30);
        boolean tcpNoDelay = true;
        Duration connectTimeout = Duration.ofSeconds(20);
        Duration disconnectTimeout = Duration.ofSeconds(5);
        Duration iqTimeout = Duration.ofSeconds(30);
        Duration pingWhenIdle = Duration.ofSeconds(120);
        Duration pingTimeout = Duration.ofSeconds(30);
        int maxIncomingStanza = 16 * 1024 * 1024;
        LogLevel libstropheLogLevel = LogLevel.WARN;
        int historySize = 256;
        Executor handlerExecutor;
        ReconnectPolicy reconnect = ReconnectPolicy.NEVER;
        XmppContext context;
        boolean component;
        StreamManagementState resume;
        byte[] resumeBytes;
        java.util.function.Consumer<byte[]> smStateSink;

        Builder() {
        }

        /** @return a copy (every setting is an immutable value, or a supplier the user owns) */
        Builder copy() {
            try {
                Builder b = (Builder) super.clone();
                b.resumeBytes = resumeBytes == null ? null : resumeBytes.clone();
                return b;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        /**
         * Resumes a Stream Management session taken from another client ({@link XmppClient#detachStreamManagement()})
         * at the first connect. Needs the same {@link #context(XmppContext)} as that client, and the same full JID.
         *
         * @param state the state (taken by the client built next)
         * @return this builder
         */
        public Builder resume(StreamManagementState state) {
            this.resume = state;
            return this;
        }

        /**
         * Resumes a Stream Management session (XEP-0198) saved by another process (see
         * {@link #onStreamManagementState}): the first connect asks the server to resume it after authenticating,
         * instead of binding a new resource. Give the full JID the saving process had ({@link Session#jid()}): a
         * state saved by a library with the project's fixes carries it, one saved by a stock 0.14.0 does not, and
         * the session then reports the configured JID. Needs libstrophe 0.14 or newer: {@link #build()} throws
         * {@link io.github.strophejna.jna.UnsupportedLibStropheException} on an older one.
         *
         * <p>What happens depends on the loaded library ({@link io.github.strophejna.jna.LibStrophe#fixes()}):
         * <ul>
         * <li><b>Built with the project's fixes</b> ({@code scripts/build-libstrophe.sh --with-fixes}, fix
         * {@code sm-restore}, 0.14.0 and master): the session is resumed, {@link ConnectionState#RESUMED} and
         * {@link Session#resumed()}. The server sends again what it had sent after the count in the state, and
         * libstrophe resends what the server had not acknowledged; what the saving process had queued but not
         * yet written, the client sends once the session is ready. If the server no longer has the session (its
         * resumption timeout passed, or it was closed), a new one is bound ({@code CONNECTED}) and those
         * stanzas go out on it.
         * <li><b>Stock libstrophe 0.14.0 and master</b> (an upstream bug): the restored state makes libstrophe
         * send {@code <r/>} during the new stream's negotiation, which the server refuses, so the first connect
         * fails, typed (an {@link XmppException}), instead of resuming. The client then gives the state up: the
         * next connect (or the reconnect policy's next attempt) binds a new session ({@code CONNECTED}, not
         * {@code RESUMED}), and what the old session had in flight is lost to this process.
         * </ul>
         *
         * @param serialized the saved bytes (the last state the sink got)
         * @return this builder
         */
        public Builder resume(byte[] serialized) {
            this.resumeBytes = serialized == null ? null : serialized.clone();
            return this;
        }

        /**
         * Receives libstrophe's serialized Stream Management state each time it changes, to save it for a later
         * process ({@link #resume(byte[])}): keep the last one, replacing the previous (write it atomically).
         * libstrophe calls back when it queues or writes something and when the server acknowledges, not for
         * each stanza received: the state counts the stanzas handled up to the call, so the resuming process
         * gets again what arrived after the last one. To leave nothing to be sent again, send something (a
         * ping, {@link XmppClient#sendIq}) after handling the last stanza, before the process ends.
         *
         * <p>Only states of an enabled, resumable session come here: libstrophe's empty ones (size 0, while no
         * session is enabled: before the server's {@code <enabled/>}, while a resume is pending, after a clean
         * close) are not passed on. After {@link XmppClient#disconnect()} the session is over: discard what was
         * saved (resuming it would give a new session). Runs on the loop thread, inside libstrophe; keep it
         * quick. Needs libstrophe 0.14 or newer: {@link #build()} throws
         * {@link io.github.strophejna.jna.UnsupportedLibStropheException} on an older one. The state is
         * libstrophe's format: a state saved by a stock 0.14.0 resumes on a build with the project's fixes
         * too (without the bound JID); one saved by a build with the fixes carries the bound JID after the
         * fields a stock library reads.
         *
         * @param sink gets a fresh copy of the state
         * @return this builder
         */
        public Builder onStreamManagementState(java.util.function.Consumer<byte[]> sink) {
            this.smStateSink = sink;
            return this;
        }

        /** Used by {@link XmppComponent}: the JID is a domain, the password the component secret. */
        Builder componentMode(Jid domain) {
            this.jid = Objects.requireNonNull(domain, "domain");
            this.component = true;
            this.tls = TlsPolicy.DISABLED; // XEP-0114 streams are not encrypted; keep them on trusted links
            this.streamManagement = false;
            return this;
        }

        /**
         * The account (required). A resource in it is requested at bind time (4D: {@code jid}).
         *
         * @param jid e.g. "alice@example.org/laptop"
         * @return this builder
         * @throws io.github.strophejna.stanza.InvalidJidException when it is not a valid JID
         */
        public Builder jid(String jid) {
            return jid(Jid.parse(jid));
        }

        /** @param jid the account (required) @return this builder */
        public Builder jid(Jid jid) {
            this.jid = Objects.requireNonNull(jid, "jid");
            if (jid.local() == null) {
                throw new IllegalArgumentException("a client JID needs a localpart: " + jid
                        + " (a component connects with XmppComponent)");
            }
            return this;
        }

        /**
         * The password (required; 4D: {@code password}). The builder keeps a copy and <b>zeroes the array
         * given</b>, so no readable password stays in the caller's memory; each connect hands libstrophe a
         * fresh copy and zeroes it once libstrophe has its own.
         *
         * @param password the password; zeroed by this call
         * @return this builder
         * @throws IllegalArgumentException when it holds a NUL character (C would cut the password there)
         */
        public Builder password(char[] password) {
            Objects.requireNonNull(password, "password");
            char[] copy = password.clone();
            Passwords.wipe(password);
            Passwords.requireNoNul(copy);
            this.password = () -> copy.clone();
            return this;
        }

        /**
         * The password, asked for at each connect (a vault, a prompt). Each array returned is zeroed as soon
         * as libstrophe has copied it (before the connection starts).
         *
         * @param password supplies a fresh array each time
         * @return this builder
         */
        public Builder password(Supplier<char[]> password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The server to connect to instead of looking up the JID's domain (4D: {@code host}). Default: DNS
         * (SRV records, then the domain itself).
         *
         * @param host a host name or address
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** @param port the server port; default 0: 5222, or as DNS says @return this builder */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** @param resource the resource to request, replacing the JID's; default: the JID's, else the server's choice @return this builder */
        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        /**
         * How to secure the stream; default {@link TlsPolicy#REQUIRED} (4D: {@code disableTLS},
         * {@code mandatoryTLS}, {@code legacyTLS}).
         *
         * @param tls the policy
         * @return this builder
         */
        public Builder tls(TlsPolicy tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * Accepts any server certificate, unverified. Off by default; only for tests and closed networks
         * (4D: {@code trustTLS}).
         *
         * @param trust true to skip verification
         * @return this builder
         */
        public Builder trustAnyCertificate(boolean trust) {
            this.trustAnyCertificate = trust;
            return this;
        }

        /** @param caFile a PEM file of trusted CAs, added to the system's; default none @return this builder */
        public Builder caFile(Path caFile) {
            this.caFile = caFile;
            return this;
        }

        /** @param caPath a directory of hashed CA certificates; default none @return this builder */
        public Builder caPath(Path caPath) {
            this.caPath = caPath;
            return this;
        }

        /**
         * A client certificate for SASL EXTERNAL: a PEM certificate and its key, or a PKCS#12 file as
         * {@code certificate} with a null key. Default none.
         *
         * @param certificate the certificate (or PKCS#12) file
         * @param key the key file, or null
         * @return this builder
         */
        public Builder clientCertificate(Path certificate, Path key) {
            this.clientCertificate = certificate;
            this.clientKey = key;
            return this;
        }

        /** @param keyPassword supplies the client key's password when libstrophe asks; default none @return this builder */
        public Builder clientKeyPassword(Supplier<char[]> keyPassword) {
            this.clientKeyPassword = keyPassword;
            return this;
        }

        /**
         * Decides about a server certificate that failed verification: true accepts it. Runs on the loop
         * thread. Default none: such a certificate is rejected and connect fails with {@link TlsException}.
         *
         * @param verifier the decision
         * @return this builder
         */
        public Builder certificateVerifier(Predicate<CertificateInfo> verifier) {
            this.certificateVerifier = verifier;
            return this;
        }

        /** @param legacyAuth allow XEP-0078 non-SASL login; default false (4D: {@code enableLegacyAuth}) @return this builder */
        public Builder legacyAuth(boolean legacyAuth) {
            this.legacyAuth = legacyAuth;
            return this;
        }

        /** @param enabled use Stream Management (XEP-0198) when the server offers it; default true @return this builder */
        public Builder streamManagement(boolean enabled) {
            this.streamManagement = enabled;
            return this;
        }

        /**
         * TCP keepalive: idle time before probing and the time between probes; default 60 s and 30 s. A zero
         * idle time turns it off (4D: {@code keepAlive}, {@code keepAliveTimeout}, {@code keepAliveInterval}).
         *
         * @param idle idle time, or zero for off
         * @param interval time between probes
         * @return this builder
         */
        public Builder keepAlive(Duration idle, Duration interval) {
            this.keepAliveIdle = Objects.requireNonNull(idle, "idle");
            this.keepAliveInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** @param noDelay disable Nagle's algorithm; default true (libstrophe alone leaves it on: 40 ms stalls) @return this builder */
        public Builder tcpNoDelay(boolean noDelay) {
            this.tcpNoDelay = noDelay;
            return this;
        }

        /** @param timeout how long connect() may take in all; default 20 s (4D: {@code timeout}) @return this builder */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @param timeout how long each disconnect step (round trip, stream close) may go without progress; default 5 s @return this builder */
        public Builder disconnectTimeout(Duration timeout) {
            this.disconnectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @param timeout default wait for an IQ answer; default 30 s @return this builder */
        public Builder iqTimeout(Duration timeout) {
            this.iqTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Liveness check: when nothing has arrived for {@code idle}, ping the server (XEP-0199); when it does not
         * answer within {@code timeout}, the connection counts as lost (state DISCONNECTED with a
         * {@link ConnectionException}, pending IQs failed, the {@link #reconnect} policy applies). This finds
         * half-open connections and stalled servers, which TCP keepalive misses whenever something between
         * still acknowledges. Default 120 s and 30 s; a zero {@code idle} turns it off. Costs one timer wake-up
         * per {@code idle} period, nothing while traffic flows.
         *
         * @param idle silence before a ping, or zero for off
         * @param timeout how long the answer may take
         * @return this builder
         */
        public Builder pingWhenIdle(Duration idle, Duration timeout) {
            Objects.requireNonNull(idle, "idle");
            Objects.requireNonNull(timeout, "timeout");
            if (idle.isNegative() || timeout.isNegative() || (!idle.isZero() && timeout.isZero())) {
                throw new IllegalArgumentException("idle must be zero or positive, and timeout positive: " + idle + ", " + timeout);
            }
            this.pingWhenIdle = idle;
            this.pingTimeout = timeout;
            return this;
        }

        /**
         * The largest stanza accepted from the server, in characters of its XML; default 16 MiB. A larger one
         * ends the connection with a {@link ConnectionException} (the reconnect policy applies), as servers
         * treat clients that exceed their own limit. libstrophe has already read it into memory by then: the
         * limit keeps it from reaching the application, not from being parsed.
         *
         * @param characters the limit, at least 1024
         * @return this builder
         */
        public Builder maxIncomingStanza(int characters) {
            if (characters < 1024) {
                throw new IllegalArgumentException("maxIncomingStanza must be at least 1024 characters: " + characters);
            }
            this.maxIncomingStanza = characters;
            return this;
        }

        /**
         * The lowest libstrophe log level forwarded to SLF4J (loggers {@code io.github.strophejna.libstrophe.*});
         * default {@link LogLevel#WARN}; {@link LogLevel#DEBUG} shows the raw traffic, credentials redacted
         * (4D: {@code logLevel}). On a shared {@link XmppContext} the lower of this and the context's level applies.
         *
         * @param level the level
         * @return this builder
         */
        public Builder libstropheLogLevel(LogLevel level) {
            this.libstropheLogLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /** @param entries how many stanzas {@link XmppClient#history()} keeps; default 256, 0 for none @return this builder */
        public Builder historySize(int entries) {
            this.historySize = entries;
            return this;
        }

        /** @param executor where handlers run, one at a time in order; default: the loop thread @return this builder */
        public Builder handlerExecutor(Executor executor) {
            this.handlerExecutor = executor;
            return this;
        }

        /** @param policy reconnect after a lost connection; default {@link ReconnectPolicy#NEVER} @return this builder */
        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** @param context share this context's loop thread; default: a context of its own @return this builder */
        public Builder context(XmppContext context) {
            this.context = context;
            return this;
        }

        /**
         * Creates the client (not yet connected).
         *
         * @return the client
         * @throws IllegalStateException when jid or password is missing
         * @throws io.github.strophejna.jna.LibStropheException when libstrophe cannot be loaded
         */
        public XmppClient build() {
            if (jid == null) {
                throw new IllegalStateException("jid is required");
            }
            if (password == null && clientCertificate == null) {
                throw new IllegalStateException("password is required (or a client certificate for SASL EXTERNAL)");
            }
            return new XmppClient(new ClientConfig(this));
        }
    }
}
