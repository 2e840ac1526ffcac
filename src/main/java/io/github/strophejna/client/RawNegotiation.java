package io.github.strophejna.client;

import io.github.strophejna.stanza.Stanza;
import java.nio.charset.StandardCharsets;

/**
 * A stream opened without login (libstrophe's raw mode, for in-band registration): STARTTLS when the policy
 * wants it, then the session is ready. Loop thread.
 */
final class RawNegotiation {

    private final ClientConnection connection;
    private final ClientConfig config;
    private boolean tlsStarted;

    RawNegotiation(ClientConnection connection, ClientConfig config) {
        this.connection = connection;
        this.config = config;
    }

    void reset() {
        tlsStarted = false;
    }

    /** An element read while negotiating. */
    void element(Stanza s) {
        NativeConnection nativeConnection = connection.nativeConnection();
        if (s.name().equals("features") && ClientConnection.NS_STREAMS.equals(s.namespace())) {
            boolean offered = s.child("starttls", ClientConnection.NS_TLS) != null;
            boolean wanted = config.tls() == TlsPolicy.REQUIRED || config.tls() == TlsPolicy.OPTIONAL;
            if (!tlsStarted && offered && wanted) {
                nativeConnection.send(("<starttls xmlns='" + ClientConnection.NS_TLS + "'/>").getBytes(StandardCharsets.UTF_8));
                connection.passSoon();
            } else if (!tlsStarted && config.tls() == TlsPolicy.REQUIRED) {
                connection.failConnect(new TlsException("the server does not offer STARTTLS and TLS is required", null));
                nativeConnection.disconnect();
            } else {
                connection.sessionReady();
            }
        } else if (s.name().equals("proceed") && ClientConnection.NS_TLS.equals(s.namespace())) {
            if (!nativeConnection.startTls()) {
                FailureClassifier failures = connection.failures();
                connection.failConnect(failures.certificateWasRejected()
                        ? failures.classify(0, null, null, -1, connection.target(), config.jid()).cause()
                        : new TlsException("the TLS handshake failed", null));
                if (!LibraryFeatures.FAILED_TLS_START_KEEPS_TLS_INTERFACE) {
                    nativeConnection.disconnect(); // on 0.13.x its write would crash: the pass after closes it
                }
                return;
            }
            tlsStarted = true;
            nativeConnection.openStream();
        }
    }
}
