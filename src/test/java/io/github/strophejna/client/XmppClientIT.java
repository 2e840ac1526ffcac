package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaError;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.RoundTrip;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client's basic paths against the real server. */
@WithProsody
class XmppClientIT {

    static Throwable failure(java.util.concurrent.CompletableFuture<?> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void twoClientsExchangeMessages(ProsodyServer server) throws Exception {
        TestAccount alice = server.createAccount("alice");
        TestAccount bob = server.createAccount("bob");
        try (XmppClient a = server.clientBuilder(alice, "a").build();
             XmppClient b = server.clientBuilder(bob, "b").build()) {
            List<Message> received = new CopyOnWriteArrayList<>();
            CountDownLatch got = new CountDownLatch(1);
            b.onMessage(m -> {
                received.add(m);
                got.countDown();
            });
            Session sa = a.connect().get(20, TimeUnit.SECONDS);
            Session sb = b.connect().get(20, TimeUnit.SECONDS);
            assertEquals(Jid.parse(alice.jid("a")), sa.jid());
            assertTrue(sa.secure(), "not encrypted");
            assertEquals(LibraryFeatures.STREAM_MANAGEMENT, sb.streamManagement(), "stream management on exactly when libstrophe has it (0.12+)");
            a.send(Message.builder().to(sb.jid()).body("héllo ✓ 😀").id("m1").lang("fr").build()).get(5, TimeUnit.SECONDS);
            assertTrue(got.await(10, TimeUnit.SECONDS), "message not received");
            Message m = received.get(0);
            assertEquals("héllo ✓ 😀", m.body());
            assertEquals("m1", m.id());
            assertEquals(sa.jid(), m.from());
            assertEquals("fr", m.stanza().attribute("xml:lang"));
            assertTrue(b.history().entries().stream().anyMatch(e -> e.direction() == StanzaHistory.Direction.IN
                    && "m1".equals(e.id())), "history lacks the message");
            a.disconnect().get(10, TimeUnit.SECONDS);
            assertEquals(ConnectionState.DISCONNECTED, a.state());
        }
    }

    @Test
    void iqRoundTripWithResultAndError(ProsodyServer server) throws Exception {
        TestAccount carol = server.createAccount("carol");
        TestAccount dave = server.createAccount("dave");
        try (XmppClient c = server.clientBuilder(carol, "c").build();
             XmppClient d = server.clientBuilder(dave, "d").build()) {
            d.onIq("urn:example:echo", req -> {
                if (req.payload().attribute("fail") != null) {
                    throw new XmppErrorException(new StanzaError(StanzaError.Type.MODIFY, "bad-request", "asked to fail"));
                }
                return Stanza.builder("echo").namespace("urn:example:echo").text(req.payload().text()).build();
            });
            c.connect().get(20, TimeUnit.SECONDS);
            Session sd = d.connect().get(20, TimeUnit.SECONDS);
            Iq answer = c.sendIq(Iq.get(sd.jid(), Stanza.builder("echo").namespace("urn:example:echo").text("ping!").build()))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(Iq.Type.RESULT, answer.type());
            assertEquals("ping!", answer.payload().text());

            Throwable err = failure(c.sendIq(Iq.get(sd.jid(),
                    Stanza.builder("echo").namespace("urn:example:echo").attribute("fail", "1").build())));
            XmppErrorException xe = assertInstanceOf(XmppErrorException.class, err);
            assertEquals("bad-request", xe.error().condition());
            assertEquals(StanzaError.Type.MODIFY, xe.error().type());

            Throwable unhandled = failure(c.sendIq(Iq.get(sd.jid(), Stanza.builder("query").namespace("urn:example:none").build())));
            assertEquals("service-unavailable", assertInstanceOf(XmppErrorException.class, unhandled).error().condition());

            Throwable timeout = failure(c.sendIq(Iq.get(Jid.parse(dave.jid() + "/nobody-here"),
                    Stanza.builder("q").namespace("urn:example:echo").build()), Duration.ofMillis(300)));
            assertTrue(timeout instanceof XmppErrorException || timeout instanceof XmppTimeoutException, timeout.toString());
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationException(ProsodyServer server) throws Exception {
        TestAccount erin = server.createAccount("erin");
        try (XmppClient c = XmppClient.builder().jid(erin.jid("x")).password("wrong".toCharArray())
                .host(server.host()).port(server.c2sPort()).caFile(server.caFile()).build()) {
            Throwable t = failure(c.connect());
            AuthenticationException ae = assertInstanceOf(AuthenticationException.class, t);
            assertEquals("not-authorized", ae.condition());
            assertTrue(!ae.getMessage().contains("wrong"), ae.getMessage());
        }
    }

    @Test
    void refusedPortIsAConnectionException(ProsodyServer server) throws Exception {
        TestAccount f = server.createAccount("frank");
        int closedPort = ProsodyServer.freePort();
        try (XmppClient c = server.clientBuilder(f, "x").port(closedPort).build()) {
            Throwable t = failure(c.connect());
            assertInstanceOf(ConnectionException.class, t);
            assertTrue(t.getMessage().contains("refused"), t.getMessage());
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut(ProsodyServer server) throws Exception {
        TestAccount n = server.createAccount("ned");
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
             XmppClient c = server.clientBuilder(n, "x").port(silent.getLocalPort())
                     .connectTimeout(Duration.ofMillis(800)).build()) {
            long t0 = System.nanoTime();
            Throwable t = failure(c.connect());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertInstanceOf(ConnectionException.class, t);
            assertTrue(t.getMessage().contains("timed out after 800 ms"), t.getMessage());
            assertTrue(ms < 10_000, "took " + ms + " ms");
            Eventually.await(() -> c.state() == ConnectionState.DISCONNECTED,
                    () -> "libstrophe to finish the disconnect; state " + c.state());
            assertEquals(ConnectionState.DISCONNECTED, c.state(), "libstrophe never finished the disconnect");
        }
    }

    @Test
    void unknownHostIsAConnectionException(ProsodyServer server) throws Exception {
        TestAccount g = server.createAccount("gina");
        try (XmppClient c = server.clientBuilder(g, "x").host("no-such-host.invalid").build()) {
            Throwable t = failure(c.connect());
            assertInstanceOf(ConnectionException.class, t);
        }
    }

    @Test
    void selfSignedCertificateIsRejectedByDefaultAndAcceptedWhenTrusted(ProsodyServer server) throws Exception {
        TestAccount h = server.createAccount("hank");
        try (XmppClient c = XmppClient.builder().jid(h.jid("x")).password(h.password().toCharArray())
                .host(server.host()).port(server.c2sPort()).build()) {
            TlsException e = assertInstanceOf(TlsException.class, failure(c.connect()));
            assertNotNull(e.certificate());
            assertTrue(e.certificate().dnsNames().contains("localhost"), e.certificate().toString());
        }
        try (XmppClient c = XmppClient.builder().jid(h.jid("y")).password(h.password().toCharArray())
                .host(server.host()).port(server.c2sPort()).trustAnyCertificate(true).build()) {
            assertTrue(c.connect().get(20, TimeUnit.SECONDS).secure());
        }
        List<CertificateInfo> asked = new CopyOnWriteArrayList<>();
        try (XmppClient c = XmppClient.builder().jid(h.jid("z")).password(h.password().toCharArray())
                .host(server.host()).port(server.c2sPort()).certificateVerifier(info -> asked.add(info)).build()) {
            assertTrue(c.connect().get(20, TimeUnit.SECONDS).secure());
            assertEquals(1, asked.size());
            assertTrue(asked.get(0).pem().contains("BEGIN CERTIFICATE"));
        }
    }

    @Test
    void anEncryptedClientKeyIsUnlockedThroughThePasswordCallback(ProsodyServer server, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        TestAccount o = server.createAccount("olga");
        java.nio.file.Path cert = dir.resolve("client.crt");
        java.nio.file.Path key = dir.resolve("client.key");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-keyout", key.toString(),
                "-out", cert.toString(), "-days", "1", "-subj", "/CN=" + o.jid(), "-passout", "pass:key-secret")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        if (!LibraryFeatures.KEY_PASSWORD_CALLBACK) { // libstrophe 0.11: refused when built, naming the version that can
            XmppClient.Builder b = server.clientBuilder(o, "cert").clientCertificate(cert, key).clientKeyPassword(() -> "key-secret".toCharArray());
            io.github.strophejna.jna.UnsupportedLibStropheException e =
                    org.junit.jupiter.api.Assertions.assertThrows(io.github.strophejna.jna.UnsupportedLibStropheException.class, b::build);
            assertTrue(e.getMessage().contains("0.12.0"), e.getMessage());
            return;
        }
        try (XmppClient c = server.clientBuilder(o, "cert").clientCertificate(cert, key)
                .clientKeyPassword(() -> {
                    asked.incrementAndGet();
                    return "key-secret".toCharArray();
                }).build()) {
            assertTrue(c.connect().get(20, TimeUnit.SECONDS).secure());
            assertTrue(asked.get() >= 1, "libstrophe never asked for the key's password");
        }
        try (XmppClient c = server.clientBuilder(o, "badkey").clientCertificate(cert, key)
                .clientKeyPassword(() -> "wrong".toCharArray()).build()) {
            Throwable t = failure(c.connect());
            assertTrue(t instanceof XmppException, t.toString());
        }
    }

    @Test
    void directTls(ProsodyServer server) throws Exception {
        TestAccount i = server.createAccount("ivy");
        try (XmppClient c = server.clientBuilder(i, "d").port(server.directTlsPort()).tls(TlsPolicy.DIRECT).build()) {
            assertTrue(c.connect().get(20, TimeUnit.SECONDS).secure());
        }
    }

    @Test
    void useAfterCloseIsIllegalState(ProsodyServer server) {
        TestAccount j = server.createAccount("jack");
        XmppClient c = server.clientBuilder(j, "x").build();
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, c::connect);
        assertThrows(IllegalStateException.class, () -> c.send(Message.builder().to("a@b").body("x").build()));
    }

    @Test
    void aResourceConflictEndsTheOldSessionWithAStreamError(ProsodyServer server) throws Exception {
        TestAccount k = server.createAccount("kim");
        List<ConnectionState.StateChange> changes = new CopyOnWriteArrayList<>();
        CountDownLatch lost = new CountDownLatch(1);
        try (XmppClient first = server.clientBuilder(k, "same").build();
             XmppClient second = server.clientBuilder(k, "same").build()) {
            first.onStateChange(c -> {
                changes.add(c);
                if (c.state() == ConnectionState.DISCONNECTED) {
                    lost.countDown();
                }
            });
            first.connect().get(20, TimeUnit.SECONDS);
            second.connect().get(20, TimeUnit.SECONDS); // Prosody replaces the older session
            assertTrue(lost.await(10, TimeUnit.SECONDS), "the first session was not ended");
            Throwable cause = changes.get(changes.size() - 1).cause();
            StreamErrorException se = assertInstanceOf(StreamErrorException.class, cause);
            assertEquals("conflict", se.condition());
        }
    }

    @Test
    void aClosedRegistrationStopsItsHandler(ProsodyServer server) throws Exception {
        TestAccount l = server.createAccount("lou");
        TestAccount m = server.createAccount("max");
        try (XmppClient a = server.clientBuilder(l, "a").build();
             XmppClient b = server.clientBuilder(m, "b").build()) {
            List<String> removed = new CopyOnWriteArrayList<>();
            List<String> kept = new CopyOnWriteArrayList<>();
            Registration r = b.onMessage(msg -> removed.add(msg.body()));
            b.addHandler(new StanzaFilter("message", null, "chat"), s -> kept.add(Message.of(s).body()));
            Jid to = b.connect().get(20, TimeUnit.SECONDS).jid();
            a.connect().get(20, TimeUnit.SECONDS);
            a.send(Message.builder().to(to).body("one").build());
            a.sendIq(Iq.get(null, Stanza.builder("ping").namespace("urn:xmpp:ping").build())).get(10, TimeUnit.SECONDS);
            Eventually.await(() -> kept.size() >= 1, () -> "the first message: " + kept);
            RoundTrip.await(b); // the dispatch of "one" to both handlers is over before the close
            r.close();
            r.close();
            a.send(Message.builder().to(to).body("two").build());
            Eventually.await(() -> kept.size() >= 2, () -> "the second message: " + kept);
            assertEquals(List.of("one", "two"), kept);
            assertEquals(List.of("one"), removed);
        }
    }
}
