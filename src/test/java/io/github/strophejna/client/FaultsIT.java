package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.RoundTrip;
import io.github.strophejna.testing.TcpProxy;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Server and network faults against a real Prosody: killed server, half-open connection, stalled server, and
 * a stream error, malformed XML and an oversized stanza from the server. Each must end in a typed error and a
 * client that works again, never a crash or a future left pending. Figures go to stdout as "fault: ..." lines
 * (docs/RELIABILITY.md quotes them).
 */
@WithProsody
class FaultsIT {

    private static final ReconnectPolicy QUICK_RECONNECT = ReconnectPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void aKilledServerIsNoticedAtOnceAndTheClientReconnectsWhenItIsBack() throws Exception {
        try (ProsodyServer server = ProsodyServer.start()) {
            TestAccount a = server.createAccount("kia");
            TestAccount b = server.createAccount("kib");
            StateLog states = new StateLog();
            List<String> received = new CopyOnWriteArrayList<>();
            CountDownLatch release = new CountDownLatch(1);
            try (XmppClient ca = server.clientBuilder(a, "r").reconnect(QUICK_RECONNECT).keepAlive(Duration.ofSeconds(1), Duration.ofSeconds(1))
                    .connectTimeout(Duration.ofSeconds(3)).build();
                 XmppClient cb = holdingIqs(server.clientBuilder(b, "r")).build()) {
                answerNever(cb, release);
                ca.onStateChange(states::add);
                ca.onMessage(m -> received.add(m.body()));
                ca.connect().get(20, TimeUnit.SECONDS);
                cb.connect().get(20, TimeUnit.SECONDS);
                CompletableFuture<Iq> pending = ca.sendIq(unanswered(b), Duration.ofMinutes(5));

                long killed = System.nanoTime();
                server.kill();
                Eventually.await(() -> states.count(ConnectionState.DISCONNECTED) >= 1, Duration.ofSeconds(10), "the disconnect");
                long detectedMillis = (System.nanoTime() - killed) / 1_000_000;
                assertInstanceOf(ConnectionException.class, states.first(ConnectionState.DISCONNECTED).cause());
                assertInstanceOf(ConnectionException.class, failure(pending));
                Throwable offline = failure(ca.send(Message.builder().to(b.jid("r")).body("while down").build()));
                assertInstanceOf(XmppException.class, offline);

                // a few reconnect attempts against the closed port (100, 200, 400 ms apart), each failing cleanly
                Eventually.await(() -> states.count(ConnectionState.DISCONNECTED) >= 4, Duration.ofSeconds(20),
                        () -> "three failed reconnect attempts while the server is down: " + states);
                for (ConnectionState.StateChange lost : states.all(ConnectionState.DISCONNECTED)) {
                    assertInstanceOf(ConnectionException.class, lost.cause(), states.toString());
                }
                int attemptsWhileDown = states.count(ConnectionState.CONNECTING) - 1;
                assertTrue(attemptsWhileDown >= 1, "the policy should have tried while the server was down: " + states);

                long restarted = System.nanoTime();
                server.restart();
                Eventually.await(() -> ca.state() == ConnectionState.CONNECTED, Duration.ofSeconds(20), "the reconnect: " + states);
                long backMillis = (System.nanoTime() - restarted) / 1_000_000;
                cb.connect().get(20, TimeUnit.SECONDS); // b had no policy: it reconnects by hand
                cb.send(Message.builder().to(a.jid("r")).body("after restart").build()).get(5, TimeUnit.SECONDS);
                Eventually.await(() -> received.contains("after restart"), "the message after the restart");
                release.countDown();
                System.out.println("fault: server SIGKILL: disconnect reported after " + detectedMillis + " ms, "
                        + attemptsWhileDown + " failed attempts while down, connected again " + backMillis + " ms after the restart");
            }
        }
    }

    @Test
    void aHalfOpenConnectionIsFoundByPingAndTheSessionResumesWithNothingLost(ProsodyServer server) throws Exception {
        TestAccount a = server.createAccount("hoa");
        TestAccount b = server.createAccount("hob");
        StateLog states = new StateLog();
        List<String> received = new CopyOnWriteArrayList<>();
        try (TcpProxy proxy = new TcpProxy(server.host(), server.c2sPort());
             XmppClient ca = server.clientBuilder(a, "r").port(proxy.port()).reconnect(QUICK_RECONNECT)
                     .pingWhenIdle(Duration.ofSeconds(1), Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(3)).build();
             XmppClient cb = server.clientBuilder(b, "r").build()) {
            ca.onStateChange(states::add);
            ca.onMessage(m -> received.add(m.body()));
            ca.connect().get(20, TimeUnit.SECONDS);
            cb.connect().get(20, TimeUnit.SECONDS);

            long stalled = System.nanoTime();
            proxy.stall();
            for (int i = 0; i < 3; i++) { // the server sends these into the dead connection
                cb.send(Message.builder().to(a.jid("r")).body("during " + i).build()).get(5, TimeUnit.SECONDS);
            }
            Eventually.await(() -> states.count(ConnectionState.DISCONNECTED) >= 1, Duration.ofSeconds(10), "the half-open connection to be found");
            long detectedMillis = (System.nanoTime() - stalled) / 1_000_000;
            Throwable cause = states.first(ConnectionState.DISCONNECTED).cause();
            assertInstanceOf(ConnectionException.class, cause);
            assertTrue(cause.getMessage().contains("ping"), cause.getMessage());

            proxy.resume();
            if (!LibraryFeatures.STREAM_MANAGEMENT) {
                // libstrophe 0.11: no session to resume; a new one, and what the server sent into the dead
                // connection is gone (the documented cost of 0.11, see README's compatibility table)
                Eventually.await(() -> ca.state() == ConnectionState.CONNECTED, Duration.ofSeconds(20), "a new session: " + states);
                assertEquals(0, states.count(ConnectionState.RESUMED), states.toString());
                ca.sendIq(Iq.get(null, Stanza.builder("ping").namespace("urn:xmpp:ping").build())).get(5, TimeUnit.SECONDS);
                System.out.println("fault: half-open connection (proxy stalled), libstrophe without SM: found by ping after "
                        + detectedMillis + " ms, new session, " + received.size() + " of 3 messages delivered");
                return;
            }
            Eventually.await(() -> ca.state() == ConnectionState.RESUMED, Duration.ofSeconds(20), "the resumed session: " + states);
            Eventually.await(() -> received.size() >= 3, "the messages sent during the stall: " + received);
            cb.sendIq(Iq.get(null, Stanza.builder("ping").namespace("urn:xmpp:ping").build())).get(5, TimeUnit.SECONDS);
            ca.sendIq(Iq.get(null, Stanza.builder("ping").namespace("urn:xmpp:ping").build())).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("during 0", "during 1", "during 2"), received, "each exactly once, in order");
            System.out.println("fault: half-open connection (proxy stalled): found by ping after " + detectedMillis
                    + " ms (idle 1 s + timeout 1 s), session resumed, 3 of 3 messages delivered once");
        }
    }

    @Test
    void aStalledServerFiresEveryTimeoutAndLeavesNoFuturePending(ProsodyServer server) throws Exception {
        TestAccount a = server.createAccount("sta");
        StateLog states = new StateLog();
        try (TcpProxy proxy = new TcpProxy(server.host(), server.c2sPort());
             XmppClient ca = server.clientBuilder(a, "r").port(proxy.port()).pingWhenIdle(Duration.ZERO, Duration.ZERO)
                     .iqTimeout(Duration.ofSeconds(1)).disconnectTimeout(Duration.ofSeconds(1))
                     .connectTimeout(Duration.ofSeconds(2)).build()) {
            ca.onStateChange(states::add);
            ca.connect().get(20, TimeUnit.SECONDS);
            proxy.stall();

            long t0 = System.nanoTime();
            CompletableFuture<Iq> iq = ca.sendIq(Iq.get(null, Stanza.builder("ping").namespace("urn:xmpp:ping").build()));
            CompletableFuture<Void> sent = ca.send(Message.builder().to(a.jid("r")).body("into the stall").build());
            assertInstanceOf(XmppTimeoutException.class, failure(iq));
            long iqMillis = (System.nanoTime() - t0) / 1_000_000;
            sent.get(5, TimeUnit.SECONDS); // queued: the socket still takes bytes

            long t1 = System.nanoTime();
            ca.disconnect().get(10, TimeUnit.SECONDS);
            long disconnectMillis = (System.nanoTime() - t1) / 1_000_000;
            assertEquals(ConnectionState.DISCONNECTED, ca.state());

            long t2 = System.nanoTime();
            Throwable connect = failure(ca.connect());
            long connectMillis = (System.nanoTime() - t2) / 1_000_000;
            assertInstanceOf(ConnectionException.class, connect);
            assertTrue(connect.getMessage().contains("timed out"), connect.getMessage());

            proxy.resume();
            Eventually.await(() -> ca.state() == ConnectionState.DISCONNECTED, "the timed-out attempt to end");
            ca.connect().get(20, TimeUnit.SECONDS);
            ca.sendIq(Iq.get(null, Stanza.builder("ping").namespace("urn:xmpp:ping").build())).get(5, TimeUnit.SECONDS);
            System.out.println("fault: stalled server: iq timeout after " + iqMillis + " ms (limit 1000), disconnect done after "
                    + disconnectMillis + " ms, connect failed after " + connectMillis + " ms (limit 2000), usable again after");
        }
    }

    @Test
    void streamErrorMalformedXmlAndOversizedStanzasFromTheServerAreTypedAndRecoverable(ProsodyServer server) throws Exception {
        // the proxy must see the stream to alter it: accounts of the host that allows plaintext
        TestAccount a = server.createAccount("inja", ProsodyServer.PLAINTEXT_DOMAIN);
        TestAccount b = server.createAccount("injb", ProsodyServer.PLAINTEXT_DOMAIN);
        StateLog states = new StateLog();
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (TcpProxy proxy = new TcpProxy(server.host(), server.c2sPort());
             XmppClient ca = server.clientBuilder(a, "r").port(proxy.port()).tls(TlsPolicy.DISABLED)
                     .maxIncomingStanza(64 * 1024).build();
             XmppClient cb = holdingIqs(server.clientBuilder(b, "r")).tls(TlsPolicy.DISABLED).build()) {
            answerNever(cb, release);
            ca.onStateChange(states::add);
            ca.onMessage(m -> received.add(m.body()));
            cb.connect().get(20, TimeUnit.SECONDS);

            // a stream error the server did not send
            ca.connect().get(20, TimeUnit.SECONDS);
            CompletableFuture<Iq> pending = ca.sendIq(unanswered(b), Duration.ofMinutes(5));
            RoundTrip.await(ca); // the stream caught up: the injection comes after the server's last answer
            proxy.injectToClients("<stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                    + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>injected</text></stream:error>");
            Throwable streamError = awaitLoss(states, 1);
            StreamErrorException se = assertInstanceOf(StreamErrorException.class, streamError);
            assertEquals("system-shutdown", se.condition());
            assertEquals("injected", se.text());
            assertInstanceOf(XmppException.class, failure(pending));
            assertUsable(ca, cb, a, received, "after the stream error");

            // bytes that are not XML: libstrophe's parser is left holding half a text node, which poisoned
            // the next stream on the same native connection (garbage before the SASL mechanism name)
            RoundTrip.await(ca);
            proxy.injectToClients("<message><body>unbalanced</wrong></message>");
            Throwable malformed = awaitLoss(states, 2);
            assertInstanceOf(ConnectionException.class, malformed);
            assertTrue(malformed.getMessage().contains("malformed XML"), malformed.getMessage());
            assertUsable(ca, cb, a, received, "after the malformed XML");

            // a stanza over the client's limit, sent through the server for real
            cb.send(Message.builder().to(a.jid("r")).body("x".repeat(128 * 1024)).build()).get(5, TimeUnit.SECONDS);
            Throwable oversized = awaitLoss(states, 3);
            assertInstanceOf(ConnectionException.class, oversized);
            assertTrue(oversized.getMessage().contains("over the limit"), oversized.getMessage());
            assertTrue(received.stream().noneMatch(r -> r.length() > 1000), "the oversized stanza must not reach the application");
            assertUsable(ca, cb, a, received, "after the oversized stanza");
            assertTrue(received.stream().noneMatch(r -> r.length() > 1000), "nor come back after the reconnect");
            release.countDown();
            System.out.println("fault: injected stream error, malformed XML and a 128 KiB stanza over a 64 KiB limit: "
                    + "3 typed errors, reconnected and exchanged after each");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static final String SILENCE = "urn:example:silence";

    /** Runs a client's handlers on threads of their own, so one may wait without holding the loop. */
    private static XmppClient.Builder holdingIqs(XmppClient.Builder b) {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "silent-peer");
            t.setDaemon(true);
            return t;
        });
        return b.handlerExecutor(pool);
    }

    private static void answerNever(XmppClient c, CountDownLatch release) {
        c.onIq(SILENCE, req -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }

    /** An IQ to a client set up with {@link #answerNever}: it stays pending until the latch opens. */
    private static Iq unanswered(TestAccount to) {
        return Iq.get(Jid.parse(to.jid("r")), Stanza.builder("q").namespace(SILENCE).build());
    }

    private static Throwable awaitLoss(StateLog states, int nth) throws InterruptedException {
        Eventually.await(() -> states.count(ConnectionState.DISCONNECTED) >= nth, "disconnect number " + nth + ": " + states);
        Throwable cause = states.all(ConnectionState.DISCONNECTED).get(nth - 1).cause();
        assertNotNull(cause, "a lost connection must say why: " + states);
        return cause;
    }

    /** Connects again and checks a message from b arrives. */
    private static void assertUsable(XmppClient ca, XmppClient cb, TestAccount a, List<String> received, String when) throws Exception {
        ca.connect().get(20, TimeUnit.SECONDS);
        ca.sendIq(Iq.get(null, Stanza.builder("ping").namespace("urn:xmpp:ping").build())).get(5, TimeUnit.SECONDS);
        String body = "hello " + when;
        cb.send(Message.builder().to(a.jid("r")).body(body).build()).get(5, TimeUnit.SECONDS);
        Eventually.await(() -> received.contains(body), "a message " + when);
    }

    private static Throwable failure(CompletableFuture<?> f) throws InterruptedException, TimeoutException {
        try {
            f.get(30, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** The state changes a client reported, in order. */
    private static final class StateLog {
        private final List<ConnectionState.StateChange> changes = new CopyOnWriteArrayList<>();

        void add(ConnectionState.StateChange c) {
            changes.add(c);
        }

        int count(ConnectionState s) {
            return all(s).size();
        }

        List<ConnectionState.StateChange> all(ConnectionState s) {
            return changes.stream().filter(c -> c.state() == s).toList();
        }

        ConnectionState.StateChange first(ConnectionState s) {
            return all(s).get(0);
        }

        @Override
        public String toString() {
            return changes.stream().map(c -> c.state() + (c.cause() == null ? "" : "(" + c.cause() + ")")).toList().toString();
        }
    }
}
