package io.github.strophejna.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.ConnectionState;
import io.github.strophejna.client.ReconnectPolicy;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.RoundTrip;
import io.github.strophejna.testing.TcpProxy;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** XEP-0198: the receiver's TCP connection is cut mid-flood; the session resumes, nothing lost or doubled. */
@WithProsody
class StreamManagementIT {

    /** libstrophe 0.11 has no Stream Management: each test then checks what a user gets instead. */
    private static final boolean SM = io.github.strophejna.jna.LibStrophe.hasFunction("xmpp_conn_get_sm_state");

    @Test
    void aCutMidFloodResumesWithoutLossOrDuplicates(ProsodyServer server) throws Exception {
        TestAccount sender = server.createAccount("flooder");
        TestAccount receiver = server.createAccount("sink");
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        int n = 3000;
        try (TcpProxy proxy = new TcpProxy(server.host(), server.c2sPort());
             XmppClient r = XmppClient.builder().jid(receiver.jid("r")).password(receiver.password().toCharArray())
                     .host(server.host()).port(proxy.port()).caFile(server.caFile())
                     .reconnect(ReconnectPolicy.exponential(Duration.ofMillis(50), Duration.ofSeconds(1)))
                     .build();
             XmppClient s = server.clientBuilder(sender, "s").build()) {
            r.onMessage(m -> seen.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet());
            r.onStateChange(c -> states.add(c.state()));
            Jid to = r.connect().get(20, TimeUnit.SECONDS).jid();
            r.send(Presence.builder().build());
            s.connect().get(20, TimeUnit.SECONDS);
            for (int i = 0; i < n; i++) {
                s.send(Message.builder().to(to).id("f" + i).body("flood " + i).build());
                if (i == n / 3) {
                    Eventually.await(() -> seen.size() > 100, "the flood to start arriving");
                    proxy.cutAll();
                }
            }
            s.disconnect().get(30, TimeUnit.SECONDS);
            if (!SM) {
                // libstrophe 0.11: no SM, so the cut ends the session; the client starts a new one (CONNECTED, never
                // RESUMED) and what was in flight is lost, but nothing arrives twice
                Eventually.await(() -> states.lastIndexOf(ConnectionState.CONNECTED) > states.indexOf(ConnectionState.DISCONNECTED)
                        && states.indexOf(ConnectionState.DISCONNECTED) > 0, "a new session after the cut: " + states);
                assertFalse(states.contains(ConnectionState.RESUMED), states.toString());
                RoundTrip.await(r); // what the new session is sent comes before the answer
                assertTrue(seen.values().stream().allMatch(c -> c.get() == 1), "messages delivered twice");
                System.out.println("without SM: states " + states + ", received " + seen.size() + " distinct of " + n);
                return;
            }
            Eventually.await(() -> seen.size() >= n, Duration.ofSeconds(40),
                    () -> "all " + n + " messages after the resume; received " + seen.size() + ", states " + states);
            // a late duplicate (the server resending what it thinks unacknowledged) would come before the
            // answer to this ping
            RoundTrip.await(r);
            System.out.println("states: " + states + ", received " + seen.size() + " distinct of " + n);
            assertTrue(states.contains(ConnectionState.DISCONNECTED), "the cut was not noticed: " + states);
            assertTrue(states.contains(ConnectionState.RESUMED), "the session was not resumed: " + states);
            assertEquals(n, seen.size(), "messages lost");
            assertEquals(List.of(), seen.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey).toList(),
                    "messages delivered twice");
        }
    }

    @Test
    void aLostSessionIsResumedByAnotherClientObject(ProsodyServer server) throws Exception {
        TestAccount owner = server.createAccount("mover");
        TestAccount sender = server.createAccount("poster");
        try (io.github.strophejna.client.XmppContext shared = io.github.strophejna.client.XmppContext.create("sm-move");
             TcpProxy proxy = new TcpProxy(server.host(), server.c2sPort());
             XmppClient s = server.clientBuilder(sender, "s").build()) {
            XmppClient first = XmppClient.builder().jid(owner.jid("dev")).password(owner.password().toCharArray())
                    .host(server.host()).port(proxy.port()).caFile(server.caFile()).context(shared).build();
            List<ConnectionState> states = new CopyOnWriteArrayList<>();
            first.onStateChange(c -> states.add(c.state()));
            Jid full = first.connect().get(20, TimeUnit.SECONDS).jid();
            first.send(Presence.builder().build());
            s.connect().get(20, TimeUnit.SECONDS);
            proxy.cutAll();
            Eventually.await(() -> states.contains(ConnectionState.DISCONNECTED), "the first client to notice the cut");
            for (int i = 0; i < 20; i++) {
                s.send(Message.builder().to(full).id("gap" + i).body("while away " + i).build());
            }
            s.disconnect().get(20, TimeUnit.SECONDS);
            if (!SM) { // libstrophe 0.11: refused, typed, naming the version that can
                java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                        java.util.concurrent.ExecutionException.class, () -> first.detachStreamManagement().get(10, TimeUnit.SECONDS));
                assertInstanceOf(io.github.strophejna.jna.UnsupportedLibStropheException.class, e.getCause());
                assertTrue(e.getCause().getMessage().contains("0.12.0"), e.getCause().getMessage());
                first.close();
                return;
            }
            io.github.strophejna.client.StreamManagementState state = first.detachStreamManagement().get(10, TimeUnit.SECONDS);
            first.close();

            Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
            try (XmppClient second = XmppClient.builder().jid(full).password(owner.password().toCharArray())
                    .host(server.host()).port(server.c2sPort()).caFile(server.caFile()).context(shared).resume(state).build()) {
                second.onMessage(m -> seen.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet());
                io.github.strophejna.client.Session session = second.connect().get(20, TimeUnit.SECONDS);
                assertTrue(session.resumed(), "not resumed: " + session);
                assertEquals(full, session.jid());
                Eventually.await(() -> seen.size() == 20, () -> "the messages sent during the gap: " + seen.keySet());
                RoundTrip.await(second); // a duplicate would come before the answer
                assertTrue(seen.values().stream().allMatch(c -> c.get() == 1), "duplicates: " + seen);
            }
        }
    }

    @Test
    void aSerializedSessionIsResumedElsewhereOnLibstrophe014(ProsodyServer server) throws Exception {
        TestAccount owner = server.createAccount("saver");
        io.github.strophejna.jna.LibStropheVersion v = io.github.strophejna.jna.LibStrophe.load();
        java.util.concurrent.atomic.AtomicReference<byte[]> saved = new java.util.concurrent.atomic.AtomicReference<>();
        XmppClient.Builder b = XmppClient.builder().jid(owner.jid("persisted")).password(owner.password().toCharArray())
                .host(server.host()).caFile(server.caFile()).onStreamManagementState(saved::set);
        if (!v.atLeast(io.github.strophejna.jna.LibStropheVersion.parse("0.14.0"))) {
            io.github.strophejna.jna.UnsupportedLibStropheException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.github.strophejna.jna.UnsupportedLibStropheException.class, () -> b.port(server.c2sPort()).build());
            assertTrue(e.getMessage().contains("needs libstrophe 0.14.0"), e.getMessage());
            return;
        }
        Jid full;
        byte[] snapshot;
        try (TcpProxy proxy = new TcpProxy(server.host(), server.c2sPort()); XmppClient first = b.port(proxy.port()).build()) {
            full = first.connect().get(20, TimeUnit.SECONDS).jid();
            first.sendIq(io.github.strophejna.stanza.Iq.get(null, io.github.strophejna.stanza.Stanza.builder("ping")
                    .namespace("urn:xmpp:ping").build())).get(10, TimeUnit.SECONDS);
            snapshot = saved.get(); // what a process would have persisted just before it died
            proxy.cutAll();
            Eventually.await(() -> first.state() == ConnectionState.DISCONNECTED, "the cut");
        }
        assertTrue(snapshot != null && snapshot.length > 0, "no state was saved");
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        try (XmppClient second = XmppClient.builder().jid(full).password(owner.password().toCharArray()).host(server.host())
                .port(server.c2sPort()).caFile(server.caFile()).resume(snapshot).build()) {
            second.onStateChange(c -> states.add(c.state()));
            if (io.github.strophejna.jna.LibStrophe.fixes().contains("sm-restore")) {
                // a build with the project's fixes resumes the restored session (CrossProcessResumeIT shows it
                // across two processes, with the messages in between)
                io.github.strophejna.client.Session session = second.connect().get(20, TimeUnit.SECONDS);
                assertTrue(session.resumed(), "not resumed: " + session);
                assertEquals(full, session.jid());
                assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.RESUMED), states);
                return;
            }
            // stock libstrophe 0.14.0 and master mark a restored state as enabled at once and so send <r/> after
            // the elements of the new stream's negotiation: Prosody ends the stream, and the attempt fails, typed
            // (the documented behaviour of Builder.resume(bytes) without the sm-restore fix). The client then
            // gives the state up: the next attempt binds a new session.
            Throwable t = io.github.strophejna.client.XmppClientTestAccess.failure(second.connect());
            assertTrue(t instanceof io.github.strophejna.client.XmppException, t.toString());
            io.github.strophejna.client.Session fresh = second.connect().get(20, TimeUnit.SECONDS);
            assertFalse(fresh.resumed(), "a new session after the failed resume: " + fresh);
            assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.DISCONNECTED, ConnectionState.CONNECTING,
                    ConnectionState.CONNECTED), states);
        }
    }
}
