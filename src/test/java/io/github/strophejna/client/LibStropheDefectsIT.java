package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.jna.LibStrophe;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.RoundTrip;
import io.github.strophejna.testing.TcpProxy;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The paths where particular libstrophe versions break, driven for real: the compatibility matrix runs this
 * (like every test) on each version, so each assertion holds on all of them. What each version does wrong
 * is in {@link LibraryFeatures}.
 */
@WithProsody
class LibStropheDefectsIT {

    /** The optional marker of the session feature (RFC 6121 made session establishment optional). */
    private static final Pattern OPTIONAL_SESSION =
            Pattern.compile("(<session xmlns=['\"]urn:ietf:params:xml:ns:xmpp-session['\"]>)<optional/>(</session>)");

    /**
     * libstrophe 0.13.0 reports CONNECT twice when the server requires session establishment and offers
     * Stream Management: once for the session's result, once for {@code <enabled/>}. A proxy makes Prosody's
     * session feature required (it marks it optional), on the plaintext host so the proxy can see it.
     */
    @Test
    void aSessionIsReportedReadyOnceWhenTheServerRequiresSessionEstablishment(ProsodyServer server) throws Exception {
        TestAccount a = server.createAccount("sess", ProsodyServer.PLAINTEXT_DOMAIN);
        TestAccount b = server.createAccount("sesb", ProsodyServer.PLAINTEXT_DOMAIN);
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (TcpProxy proxy = new TcpProxy(server.host(), server.c2sPort())) {
            proxy.rewriteToClients(text -> {
                Matcher m = OPTIONAL_SESSION.matcher(text);
                return m.find() ? m.replaceAll("$1$2") : text;
            });
            proxy.recordFromClients();
            try (XmppClient ca = server.clientBuilder(a, "r").port(proxy.port()).tls(TlsPolicy.DISABLED).build();
                 XmppClient cb = server.clientBuilder(b, "r").tls(TlsPolicy.DISABLED).build()) {
                ca.onStateChange(c -> states.add(c.state()));
                ca.onMessage(m -> received.add(m.body()));
                Session s = ca.connect().get(20, TimeUnit.SECONDS);
                cb.connect().get(20, TimeUnit.SECONDS);
                assertTrue(proxy.recordedFromClients().contains("urn:ietf:params:xml:ns:xmpp-session"),
                        "libstrophe sent no session request: the required session feature did not reach it");
                cb.send(Message.builder().to(a.jid("r")).body("after the session").build()).get(5, TimeUnit.SECONDS);
                assertEquals("after the session", received.poll(10, TimeUnit.SECONDS));
                // the second CONNECT comes with <enabled/>, the answer to the <enable/> libstrophe sends while
                // logging in: it arrives before the answer to a ping sent after that
                RoundTrip.await(ca);
                String wire = proxy.recordedFromClients();
                assertTrue(!LibraryFeatures.STREAM_MANAGEMENT
                        || wire.contains("<enable ") && wire.indexOf("<enable ") < wire.lastIndexOf("urn:xmpp:ping"),
                        "Stream Management on, but no <enable/> went before the ping");
                assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CONNECTED), states,
                        "libstrophe " + LibStrophe.version() + ": expected one CONNECTED");
                assertEquals(LibraryFeatures.STREAM_MANAGEMENT, s.streamManagement(),
                        "Stream Management is on exactly when the library has it");
                // the defect itself: 0.13.0 signals the session twice, and the second signal was ignored
                boolean doubles = LibStrophe.version().major() == 0 && LibStrophe.version().minor() == 13
                        && LibStrophe.version().patch() == 0;
                assertEquals(doubles ? 1 : 0, ca.connection().duplicateConnectSignals(),
                        "libstrophe " + LibStrophe.version() + ": repeated CONNECT signals seen and ignored");
            }
        }
    }

    /**
     * The event loop waits in poll(2) on each connection's socket; libstrophe 0.11 has no sockopt callback to
     * hand it over, so the client reads it from 0.11's own log line. On every version the socket must be known
     * once connected, and be the one the connection really uses: shutting it down ends the session.
     */
    @Test
    void theEventLoopKnowsEveryConnectionsSocket(ProsodyServer server) throws Exception {
        TestAccount a = server.createAccount("sock");
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        try (XmppClient c = server.clientBuilder(a, "s").build()) {
            c.onStateChange(ch -> states.add(ch.state()));
            c.connect().get(20, TimeUnit.SECONDS);
            int fd = c.connection().fd();
            assertTrue(fd >= 0, "libstrophe " + LibStrophe.version() + ": the loop does not know the socket");
            assertTrue(io.github.strophejna.jna.internal.SocketOptions.shutdown(fd), "fd " + fd + " is not a socket");
            io.github.strophejna.testing.Eventually.await(() -> states.contains(ConnectionState.DISCONNECTED),
                    "the session to end when its socket is shut down: " + states);
        }
    }

    /**
     * A certificate the client does not trust, over STARTTLS and over direct TLS, again and again on one
     * client: libstrophe 0.13.x crashed the process on the first (its tls_write on a freed session). Each
     * attempt must fail with a TlsException that describes the certificate, and the same client must then
     * log in once the certificate is trusted.
     */
    @Test
    void anUntrustedCertificateIsATypedErrorOnEveryVersionAndTheClientStaysUsable(ProsodyServer server) throws Exception {
        TestAccount a = server.createAccount("untr");
        for (TlsPolicy policy : new TlsPolicy[] {TlsPolicy.REQUIRED, TlsPolicy.DIRECT}) {
            int port = policy == TlsPolicy.DIRECT ? server.directTlsPort() : server.c2sPort();
            try (XmppClient c = server.clientBuilder(a, "u").caFile(null).tls(policy).port(port).build()) {
                for (int i = 0; i < 3; i++) {
                    Throwable t = XmppClientIT.failure(c.connect());
                    TlsException tls = assertInstanceOf(TlsException.class, t, policy + " attempt " + i + ": " + t);
                    assertTrue(tls.certificate() != null && tls.certificate().pem().contains("BEGIN CERTIFICATE"),
                            policy + ": the exception must carry the certificate: " + t);
                    assertEquals(ConnectionState.DISCONNECTED, c.state());
                }
            }
            try (XmppClient c = server.clientBuilder(a, "u").tls(policy).port(port).build()) {
                assertTrue(c.connect().get(20, TimeUnit.SECONDS).secure(), policy + ": the trusted control");
            }
        }
    }

    /**
     * A component, connected twice on one client: libstrophe's xmpp_connect_component (stock) leaves the
     * connection without the Stream Management state its first write reads, so the client lends it one from a
     * throwaway connection before each connect; a library with the project's component-sm fix needs no loan.
     * Either way the component works, and works again after a clean close (where a library with the parser-reset
     * fix uses the same native connection again, its SM state dropped; a stock one takes a fresh one).
     */
    @Test
    void aComponentWorksOnEveryLibraryWithTheStateLentOnlyWithoutTheFix(ProsodyServer server) throws Exception {
        TestAccount user = server.createAccount("compuser");
        try (XmppComponent component = XmppComponent.create(ProsodyServer.COMPONENT_DOMAIN,
                server.componentSecret().toCharArray(), server.host(), server.componentPort());
             XmppClient c = server.clientBuilder(user, "u").build()) {
            XmppClient gw = component.client();
            gw.onMessage(m -> gw.send(Message.builder().to(m.from()).from(m.to()).body("echo: " + m.body()).build()));
            LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
            c.onMessage(m -> replies.add(m.body()));
            c.connect().get(20, TimeUnit.SECONDS);
            for (int round = 0; round < 2; round++) {
                gw.connect().get(20, TimeUnit.SECONDS);
                c.send(Message.builder().to("echo@" + ProsodyServer.COMPONENT_DOMAIN).body("round " + round).build());
                assertEquals("echo: round " + round, replies.poll(10, TimeUnit.SECONDS));
                gw.disconnect().get(10, TimeUnit.SECONDS);
            }
            NativeConnection n = gw.connection().nativeConnection();
            boolean lends = LibraryFeatures.STREAM_MANAGEMENT && !LibraryFeatures.COMPONENT_SM; // 0.11 has no SM state
            assertEquals(lends ? 2 : 0, n.componentSmStatesLent(), LibStrophe.describe() + ": SM states lent to the component");
            assertEquals(LibraryFeatures.PARSER_RESET ? 0 : 1, n.renewals(), LibStrophe.describe() + ": fresh native connections");
        }
    }

    /**
     * A stream cut inside an element's text, then a reconnect on the same client. Stock libstrophe's
     * parser_reset keeps the half-read text's size, so the same native connection would parse the next stream's
     * first text (the SASL mechanism's name) with garbage in front, or crash: the client takes a fresh one. With
     * the project's parser-reset fix it reuses the same one. Either way the new session works, and a message
     * with a two-character body (the length that crashed) arrives intact.
     */
    @Test
    void aStreamCutInsideTextIsFollowedByAWorkingSessionWithOrWithoutTheParserFix(ProsodyServer server) throws Exception {
        TestAccount a = server.createAccount("cuta", ProsodyServer.PLAINTEXT_DOMAIN);
        TestAccount b = server.createAccount("cutb", ProsodyServer.PLAINTEXT_DOMAIN);
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (TcpProxy proxy = new TcpProxy(server.host(), server.c2sPort());
             XmppClient ca = server.clientBuilder(a, "r").port(proxy.port()).tls(TlsPolicy.DISABLED)
                     .streamManagement(false) // a new session: the count of an injected message would spoil a resume
                     .reconnect(ReconnectPolicy.exponential(java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(1)))
                     .build();
             XmppClient cb = server.clientBuilder(b, "r").tls(TlsPolicy.DISABLED).build()) {
            ca.onStateChange(c -> states.add(c.state()));
            ca.onMessage(m -> received.add(m.body()));
            io.github.strophejna.stanza.Jid full = ca.connect().get(20, TimeUnit.SECONDS).jid();
            cb.connect().get(20, TimeUnit.SECONDS);
            RoundTrip.await(ca); // the injection comes after the server's last write
            // one read: a whole message (seen, so the rest of the read has been parsed too) and the start of another
            proxy.injectToClients("<message from='" + b.jid() + "'><body>marker</body></message><message from='" + b.jid()
                    + "'><body>0123456789012345678901234567890123456789");
            assertEquals("marker", received.poll(10, TimeUnit.SECONDS));
            proxy.cutAll();
            io.github.strophejna.testing.Eventually.await(() -> states.lastIndexOf(ConnectionState.CONNECTED) > states.indexOf(
                    ConnectionState.DISCONNECTED) && states.contains(ConnectionState.DISCONNECTED), "a new session: " + states);
            cb.send(Message.builder().to(full).body("ab").build());
            assertEquals("ab", received.poll(10, TimeUnit.SECONDS), "the first message of the new session");
            assertEquals(LibraryFeatures.PARSER_RESET ? 0 : 1, ca.connection().nativeConnection().renewals(),
                    LibStrophe.describe() + ": fresh native connections");
        }
    }
}
