package io.github.strophejna.client;

import io.github.strophejna.stanza.Jid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The immutable settings of one client, as {@link XmppClient.Builder} collected them (defaults there). */
record ClientConfig(
        Jid jid,
        Supplier<char[]> password,
        String host,
        int port,
        TlsPolicy tls,
        boolean trustAnyCertificate,
        Path caFile,
        Path caPath,
        Path clientCertificate,
        Path clientKey,
        Supplier<char[]> clientKeyPassword,
        Predicate<CertificateInfo> certificateVerifier,
        boolean legacyAuth,
        boolean streamManagement,
        Duration keepAliveIdle,
        Duration keepAliveInterval,
        boolean tcpNoDelay,
        Duration connectTimeout,
        Duration disconnectTimeout,
        Duration iqTimeout,
        Duration pingWhenIdle,
        Duration pingTimeout,
        int maxIncomingStanza,
        LogLevel libstropheLogLevel,
        int historySize,
        Executor handlerExecutor,
        ReconnectPolicy reconnect,
        XmppContext context,
        boolean component,
        java.util.function.Consumer<byte[]> smStateSink) {

    @Override
    public String toString() {
        return "ClientConfig[jid=" + jid + ", host=" + host + ", port=" + port + ", tls=" + tls + "]"; // no secrets
    }
}
