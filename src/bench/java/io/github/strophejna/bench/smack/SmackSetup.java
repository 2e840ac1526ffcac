package io.github.strophejna.bench.smack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.SocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * How every Smack program of scripts/bench.sh connects, with the settings this library and the C programs
 * also get: STARTTLS required, the throwaway server's certificate trusted through a trust store built
 * from its CA file (verification stays on, host name included), TCP_NODELAY, Stream Management off, and
 * no roster fetched at login (neither other side fetches one).
 */
final class SmackSetup {

    private SmackSetup() {
    }

    /**
     * @param jid the account's JID (a resource, if any, is kept)
     * @param password its password
     * @param host server address
     * @param port c2s port
     * @param caFile PEM file of the server's certificate
     * @return a new, unconnected connection
     */
    static XMPPTCPConnection connection(String jid, String password, String host, int port, Path caFile)
            throws IOException, GeneralSecurityException {
        Roster.setRosterLoadedAtLoginDefault(false);
        var parsed = JidCreate.from(jid);
        var config = XMPPTCPConnectionConfiguration.builder()
                .setUsernameAndPassword(parsed.getLocalpartOrThrow().toString(), password)
                .setXmppDomain(parsed.asDomainBareJid())
                .setHostAddress(InetAddress.getByName(host)).setPort(port)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trusting(caFile))
                .setSocketFactory(new NoDelaySocketFactory());
        if (parsed instanceof EntityFullJid full) {
            config.setResource(full.getResourcepart());
        }
        XMPPTCPConnection connection = new XMPPTCPConnection(config.build());
        connection.setUseStreamManagement(false);
        return connection;
    }

    /** Smack 4.4 initialises its SSLContext itself: it takes the trust as a trust manager, not as a context. */
    private static X509TrustManager trusting(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trust.setCertificateEntry("bench-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    /** Plain sockets with Nagle's algorithm off, as this library and the C programs have. */
    private static final class NoDelaySocketFactory extends SocketFactory {

        @Override
        public Socket createSocket() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return configured(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return configured(new Socket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return configured(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return configured(new Socket(host, port, local, localPort));
        }

        private static Socket configured(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }
    }
}
