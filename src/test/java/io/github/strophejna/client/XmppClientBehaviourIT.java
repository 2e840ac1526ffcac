package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.RoundTrip;
import io.github.strophejna.testing.TcpProxy;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.io.FileInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stream Management, large stanzas, descriptors past FD_SETSIZE, executors, shared loops, reconnects. */
@WithProsody
class XmppClientBehaviourIT {

    @Test
    void disconnectAcknowledgesSoNothingIsDeliveredTwice(ProsodyServer server) throws Exception {
        TestAccount alice = server.createAccount("alice");
        TestAccount bob = server.createAccount("bob");
        Set<String> firstSession = ConcurrentHashMap.newKeySet();
        try (XmppClient a = server.clientBuilder(alice, "a").build();
             XmppClient b = server.clientBuilder(bob, "b").build()) {
            b.onMessage(m -> firstSession.add(m.id()));
            Session sb = b.connect().get(20, TimeUnit.SECONDS);
            // libstrophe 0.11 has no SM: nothing is acknowledged, and the test shows that a clean close still
            // delivers nothing twice (the server has no unacknowledged stanzas to store)
            assertEquals(LibraryFeatures.STREAM_MANAGEMENT, sb.streamManagement());
            b.send(Presence.builder().build());
            a.connect().get(20, TimeUnit.SECONDS);
            for (int i = 0; i < 50; i++) {
                a.send(Message.builder().to(Jid.parse(bob.jid())).id("sm" + i).body("n" + i).build());
            }
            a.disconnect().get(20, TimeUnit.SECONDS);
            Eventually.await(() -> firstSession.size() >= 50, java.time.Duration.ofMillis(10_000), "50 messages");
            assertEquals(50, firstSession.size());
            b.disconnect().get(20, TimeUnit.SECONDS);
        }
        List<String> secondSession = new CopyOnWriteArrayList<>();
        try (XmppClient b = server.clientBuilder(bob, "b2").build()) {
            b.onMessage(m -> secondSession.add(m.id()));
            b.connect().get(20, TimeUnit.SECONDS);
            b.send(Presence.builder().build()); // offline messages come after initial presence
            // Prosody sends stored messages while it handles that presence: before the answer to a later ping
            RoundTrip.await(b);
        }
        assertEquals(List.of(), secondSession, "delivered again at the next login");
    }

    @Test
    void a256KilobyteMessageOverTlsArrivesWithoutStalling(ProsodyServer server) throws Exception {
        TestAccount c = server.createAccount("cat");
        TestAccount d = server.createAccount("dan");
        String body = "0123456789abcdef".repeat(16 * 1024); // 256 KiB
        try (XmppClient a = server.clientBuilder(c, "a").build();
             XmppClient b = server.clientBuilder(d, "b").build()) {
            CountDownLatch got = new CountDownLatch(1);
            long[] arrived = new long[1];
            String[] text = new String[1];
            b.onMessage(m -> {
                arrived[0] = System.nanoTime();
                text[0] = m.body();
                got.countDown();
            });
            Jid to = b.connect().get(20, TimeUnit.SECONDS).jid();
            a.connect().get(20, TimeUnit.SECONDS);
            long sent = System.nanoTime();
            a.send(Message.builder().to(to).body(body).build());
            assertTrue(got.await(20, TimeUnit.SECONDS), "not received");
            long millis = (arrived[0] - sent) / 1_000_000;
            System.out.println("256 KiB message over TLS arrived in " + millis + " ms");
            assertEquals(body, text[0]);
            // the loop's idle wait is 1000 ms: a stall on data left inside OpenSSL would show as ~1 s
            assertTrue(millis < 900, "took " + millis + " ms: stalled on buffered TLS data");
        }
    }

    /**
     * A socket numbered past FD_SETSIZE: libstrophe's select() (every stock version) would abort the process, so
     * the client refuses that socket and fails that connection, typed; a library with the project's poll fix
     * takes it, and the session works (a round trip and a message to itself).
     */
    @Test
    void aSocketPastFdSetsizeFailsThatConnectionNotTheJvm(ProsodyServer server) throws Exception {
        TestAccount e = server.createAccount("eve");
        List<FileInputStream> hog = new ArrayList<>();
        try {
            for (int i = 0; i < 1100; i++) {
                hog.add(new FileInputStream("/dev/null"));
            }
            try (XmppClient c = server.clientBuilder(e, "fd").build()) {
                if (LibraryFeatures.POLL) {
                    List<String> got = new CopyOnWriteArrayList<>();
                    c.onMessage(m -> got.add(m.body()));
                    Session s = c.connect().get(20, TimeUnit.SECONDS);
                    int fd = c.connection().fd();
                    assertTrue(fd >= io.github.strophejna.jna.internal.SocketOptions.FD_SETSIZE, "fd " + fd + " is not past FD_SETSIZE");
                    c.send(Message.builder().to(s.jid()).body("past FD_SETSIZE").build());
                    RoundTrip.await(c);
                    assertEquals(List.of("past FD_SETSIZE"), got);
                } else {
                    Throwable t = XmppClientIT.failure(c.connect());
                    ConnectionException ce = assertInstanceOf(ConnectionException.class, t);
                    assertTrue(ce.getMessage().contains("FD_SETSIZE"), ce.getMessage());
                }
            }
        } finally {
            for (FileInputStream f : hog) {
                f.close();
            }
        }
        try (XmppClient c = server.clientBuilder(e, "fd2").build()) {
            assertTrue(c.connect().get(20, TimeUnit.SECONDS).secure(), "no connection once descriptors are free");
        }
    }

    @Test
    void handlersOnAnExecutorKeepTheirOrder(ProsodyServer server) throws Exception {
        TestAccount f = server.createAccount("fin");
        TestAccount g = server.createAccount("gil");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Integer> order = new CopyOnWriteArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (XmppClient a = server.clientBuilder(f, "a").build();
             XmppClient b = server.clientBuilder(g, "b").handlerExecutor(pool).build()) {
            CountDownLatch all = new CountDownLatch(500);
            b.onMessage(m -> {
                threads.add(Thread.currentThread().getName());
                order.add(Integer.parseInt(m.body()));
                all.countDown();
            });
            Jid to = b.connect().get(20, TimeUnit.SECONDS).jid();
            a.connect().get(20, TimeUnit.SECONDS);
            for (int i = 0; i < 500; i++) {
                a.send(Message.builder().to(to).body(Integer.toString(i)).build());
            }
            assertTrue(all.await(20, TimeUnit.SECONDS));
            for (int i = 0; i < 500; i++) {
                assertEquals(i, order.get(i));
            }
            assertTrue(threads.stream().allMatch(n -> n.startsWith("pool-")), threads.toString());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void clientsShareOneLoopThreadAndScheduleOnIt(ProsodyServer server) throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (XmppContext shared = XmppContext.create("gateway-loop")) {
            List<XmppClient> clients = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                TestAccount acc = server.createAccount("iot" + i);
                clients.add(server.clientBuilder(acc, "dev").context(shared).build());
            }
            for (XmppClient c : clients) {
                c.connect().get(20, TimeUnit.SECONDS);
            }
            long newThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.getName().startsWith("gateway-loop")).count();
            assertEquals(1, newThreads, "one loop thread for five clients");
            CountDownLatch ticks = new CountDownLatch(3);
            List<String> tickThreads = new CopyOnWriteArrayList<>();
            Registration r = clients.get(0).schedule(Duration.ofMillis(50), () -> {
                tickThreads.add(Thread.currentThread().getName());
                ticks.countDown();
            });
            assertTrue(ticks.await(5, TimeUnit.SECONDS));
            r.close();
            assertTrue(tickThreads.stream().allMatch("gateway-loop"::equals), tickThreads.toString());
            for (XmppClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aCutConnectionReconnectsAndResumesTheSession(ProsodyServer server) throws Exception {
        TestAccount h = server.createAccount("hana");
        List<ConnectionState.StateChange> changes = new CopyOnWriteArrayList<>();
        try (TcpProxy proxy = new TcpProxy(server.host(), server.c2sPort());
             XmppClient c = server.clientBuilder(h, "r").port(proxy.port())
                     .reconnect(ReconnectPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(2))).build()) {
            c.onStateChange(changes::add);
            c.connect().get(20, TimeUnit.SECONDS);
            proxy.cutAll();
            Eventually.await(() -> {
                List<ConnectionState> now = changes.stream().map(ConnectionState.StateChange::state).toList();
                int cut = now.indexOf(ConnectionState.DISCONNECTED);
                return cut >= 0 && (now.lastIndexOf(ConnectionState.RESUMED) > cut || now.lastIndexOf(ConnectionState.CONNECTED) > cut);
            }, Duration.ofSeconds(20), () -> "the session back after the cut: " + changes);
            List<ConnectionState> states = changes.stream().map(ConnectionState.StateChange::state).toList();
            assertTrue(states.contains(ConnectionState.DISCONNECTED), states.toString());
            ConnectionState.StateChange lost = changes.stream().filter(s -> s.state() == ConnectionState.DISCONNECTED)
                    .findFirst().orElseThrow();
            assertTrue(lost.cause() != null, "a lost connection must say why");
            assertTrue(states.get(states.size() - 1) == ConnectionState.RESUMED
                    || states.get(states.size() - 1) == ConnectionState.CONNECTED, states.toString());
            System.out.println("states across the cut: " + states);
        }
    }
}
