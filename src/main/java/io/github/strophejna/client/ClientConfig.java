package io.github.strophejna.client;

import io.github.strophejna.stanza.Jid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The immutable settings of one client: a frozen copy of the {@link XmppClient.Builder} that made it, read
 * through accessors (the settings and their defaults are written once, in the Builder). Thread-safe.
 */
final class ClientConfig {

    private final XmppClient.Builder settings;

    /** @param builder copied; later changes to it do not reach this configuration */
    ClientConfig(XmppClient.Builder builder) {
        this.settings = builder.copy();
    }

    /** @return a builder holding these settings, for a variant (a resume state is not carried over: it is used once) */
    XmppClient.Builder newBuilder() {
        XmppClient.Builder b = settings.copy();
        b.resume = null;
        b.resumeBytes = null;
        return b;
    }

    /** @return the JID to bind, with the Builder's resource if one was set */
    Jid jid() {
        return settings.resource == null ? settings.jid : settings.jid.withResource(settings.resource);
    }

    /** @return supplies a fresh copy of the password at each connect (empty with a client certificate only) */
    Supplier<char[]> password() {
        return settings.password == null ? () -> new char[0] : settings.password;
    }

    String host() { return settings.host; }
    int port() { return settings.port; }
    TlsPolicy tls() { return settings.tls; }
    boolean trustAnyCertificate() { return settings.trustAnyCertificate; }
    Path caFile() { return settings.caFile; }
    Path caPath() { return settings.caPath; }
    Path clientCertificate() { return settings.clientCertificate; }
    Path clientKey() { return settings.clientKey; }
    Supplier<char[]> clientKeyPassword() { return settings.clientKeyPassword; }
    Predicate<CertificateInfo> certificateVerifier() { return settings.certificateVerifier; }
    boolean legacyAuth() { return settings.legacyAuth; }
    boolean streamManagement() { return settings.streamManagement; }
    Duration keepAliveIdle() { return settings.keepAliveIdle; }
    Duration keepAliveInterval() { return settings.keepAliveInterval; }
    boolean tcpNoDelay() { return settings.tcpNoDelay; }
    Duration connectTimeout() { return settings.connectTimeout; }
    Duration disconnectTimeout() { return settings.disconnectTimeout; }
    Duration iqTimeout() { return settings.iqTimeout; }
    Duration pingWhenIdle() { return settings.pingWhenIdle; }
    Duration pingTimeout() { return settings.pingTimeout; }
    int maxIncomingStanza() { return settings.maxIncomingStanza; }
    LogLevel libstropheLogLevel() { return settings.libstropheLogLevel; }
    int historySize() { return settings.historySize; }
    Executor handlerExecutor() { return settings.handlerExecutor; }
    ReconnectPolicy reconnect() { return settings.reconnect; }
    XmppContext context() { return settings.context; }
    boolean component() { return settings.component; }
    Consumer<byte[]> smStateSink() { return settings.smStateSink; }
    StreamManagementState resume() { return settings.resume; }
    byte[] resumeBytes() { return settings.resumeBytes; }

    @Override
    public String toString() {
        return "ClientConfig[jid=" + jid() + ", host=" + host() + ", port=" + port() + ", tls=" + tls() + "]"; // no secrets
    }
}
