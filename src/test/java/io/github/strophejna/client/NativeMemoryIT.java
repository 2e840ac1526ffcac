package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.jna.internal.CountingAllocator;
import io.github.strophejna.reliability.ReliabilityFigures;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.time.Duration;
import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Native memory: every libstrophe allocation is freed after close (a counting {@code xmpp_mem_t}), and a
 * long flood and many connect/close cycles keep RSS and libstrophe's live bytes bounded. The long runs have
 * a CI setting and a full one ({@code -Dstrophe.reliability.full=true}); each prints a {@code RELIABILITY}
 * line and writes target/reliability/&lt;name&gt;.json.
 */
@WithProsody
class NativeMemoryIT {

    /** RSS may grow this much after warm-up (JIT code, malloc arenas, the Java heap's own growth). */
    private static final long RSS_GROWTH_BOUND_KB = 64 * 1024;

    @Test
    void everyLibstropheAllocationIsFreedAfterClose(ProsodyServer server) throws Exception {
        TestAccount alice = server.createAccount("alice");
        TestAccount bob = server.createAccount("bob");
        CountingAllocator allocator = new CountingAllocator();
        long liveDuringSession;
        try (XmppContext context = XmppContext.createCounting("counting", LogLevel.WARN, allocator);
             XmppClient a = server.clientBuilder(alice, "a").context(context).build();
             XmppClient b = server.clientBuilder(bob, "b").context(context).build();
             XmppClient wrongPassword = server.clientBuilder(alice, "w").password("not it".toCharArray())
                     .context(context).build();
             XmppClient nobodyListening = XmppClient.builder().jid(alice.jid("n")).password("x".toCharArray())
                     .host("127.0.0.1").port(1).context(context).build()) {
            Set<String> received = ConcurrentHashMap.newKeySet();
            Registration forIds = b.onMessage(m -> received.add(m.id()));
            Registration throwing = b.onMessage(m -> {
                if (m.id().equals("m0")) {
                    throw new IllegalStateException("a handler bug, on purpose");
                }
            });
            Registration filtered = b.addHandler(StanzaFilter.any(), s -> { });
            Registration answering = b.onIq("urn:example:memory", req -> Stanza.builder("pong").namespace("urn:example:memory").build());
            Jid to = b.connect().get(20, TimeUnit.SECONDS).jid();
            a.connect().get(20, TimeUnit.SECONDS);
            a.send(Presence.builder().status("counting").build()).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 500; i++) {
                a.send(Message.builder().to(to).id("m" + i).body("counted " + i).build());
            }
            Eventually.await(() -> received.size() == 500, Duration.ofSeconds(30), "500 messages");
            assertEquals("pong", a.sendIq(Iq.get(to, Stanza.builder("ping").namespace("urn:example:memory").build()))
                    .get(10, TimeUnit.SECONDS).payload().name());
            XmppErrorException unanswered = assertInstanceOf(XmppErrorException.class, XmppClientIT.failure(
                    a.sendIq(Iq.get(to, Stanza.builder("q").namespace("urn:example:nobody").build()))));
            assertEquals("service-unavailable", unanswered.error().condition());
            assertInstanceOf(AuthenticationException.class, XmppClientIT.failure(wrongPassword.connect()));
            assertInstanceOf(ConnectionException.class, XmppClientIT.failure(nobodyListening.connect()));
            throwing.close();
            filtered.close();
            answering.close();
            forIds.close();
            a.disconnect().get(20, TimeUnit.SECONDS);
            a.connect().get(20, TimeUnit.SECONDS); // a second session on the same native connection
            a.send(Message.builder().to(to).id("after").body("again").build()).get(10, TimeUnit.SECONDS);
            liveDuringSession = allocator.liveBytes();
            System.out.println("during the session: " + allocator);
        }
        System.out.println("after close: " + allocator);
        assertTrue(liveDuringSession > 0, "nothing was live during the session: the allocator counted nothing");
        assertTrue(allocator.totalAllocations() > 10_000, "too few allocations counted for 500 messages: " + allocator);
        assertEquals(0, allocator.failures(), "failed or foreign allocation requests");
        assertEquals(0, allocator.liveAllocations(), "libstrophe blocks never freed: " + allocator);
        assertEquals(0, allocator.liveBytes(), "libstrophe bytes never freed: " + allocator);
    }

    @Test
    void oneConnectionFloodedWithStanzasKeepsMemoryBounded(ProsodyServer server) throws Exception {
        int stanzas = ReliabilityFigures.setting(50_000, 1_000_000);
        int warmUp = Math.max(stanzas / 10, 10_000);
        TestAccount account = server.createAccount("flood");
        CountingAllocator allocator = new CountingAllocator();
        ReliabilityFigures figures = new ReliabilityFigures("native-memory-flood").put("stanzas", stanzas);
        BitSet seen = new BitSet(stanzas);
        AtomicInteger duplicates = new AtomicInteger();
        Semaphore window = new Semaphore(1000); // in flight: Prosody, not our queue, sets the pace
        long rssStart = ReliabilityFigures.rssKbAfterGc();
        long rssWarm = 0;
        long liveBaseline;
        long liveWarm = 0;
        long rssEnd;
        long start;
        try (XmppContext context = XmppContext.createCounting("flood", LogLevel.WARN, allocator);
             XmppClient c = server.clientBuilder(account, "flood").context(context).historySize(0).build()) {
            c.onMessage(m -> {
                int i = Integer.parseInt(m.id().substring(1));
                synchronized (seen) {
                    if (seen.get(i)) {
                        duplicates.incrementAndGet();
                    }
                    seen.set(i);
                }
                window.release();
            });
            Jid self = c.connect().get(20, TimeUnit.SECONDS).jid();
            liveBaseline = allocator.liveBytes();
            start = System.nanoTime();
            for (int i = 0; i < stanzas; i++) {
                if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("no stanza came back for 30 s; " + i + " sent");
                }
                c.send(Message.builder().to(self).id("f" + i).body("flood " + i).build());
                if (i + 1 == warmUp) {
                    window.acquire(1000); // all of the warm-up back
                    window.release(1000);
                    rssWarm = ReliabilityFigures.rssKbAfterGc();
                    liveWarm = allocator.liveBytes();
                }
            }
            if (!window.tryAcquire(1000, 60, TimeUnit.SECONDS)) {
                throw new AssertionError("the last stanzas did not come back: " + window.availablePermits() + " of 1000");
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // libstrophe 0.14 keeps each sent stanza until the server acknowledges it, and asks for an ack only
            // when none is outstanding: the tail of the flood waits for the next send. One round trip asks.
            c.sendIq(Iq.get(null, Stanza.builder("ping").namespace("urn:xmpp:ping").build())).get(20, TimeUnit.SECONDS);
            Eventually.await(() -> allocator.liveBytes() <= liveBaseline + 64 * 1024, Duration.ofSeconds(10),
                    "libstrophe's live bytes back to the baseline");
            long liveEnd = allocator.liveBytes();
            rssEnd = ReliabilityFigures.rssKbAfterGc();
            figures.put("seconds", millis / 1000.0).put("stanzas_per_s", stanzas * 1000L / Math.max(1, millis))
                    .put("rss_start_kb", rssStart).put("rss_warm_kb", rssWarm).put("rss_end_kb", rssEnd)
                    .put("native_live_bytes_baseline", liveBaseline).put("native_live_bytes_warm", liveWarm)
                    .put("native_live_bytes_end", liveEnd).put("native_peak_bytes", allocator.peakLiveBytes())
                    .put("native_allocations", allocator.totalAllocations());
        }
        synchronized (seen) {
            assertEquals(stanzas, seen.cardinality(), "stanzas that came back");
        }
        figures.put("native_live_bytes_after_close", allocator.liveBytes())
                .put("rss_growth_after_warm_kb", rssEnd - rssWarm).report();
        assertEquals(0, duplicates.get(), "stanzas received twice");
        assertEquals(0, allocator.liveBytes(), "libstrophe bytes never freed: " + allocator);
        assertTrue(rssEnd - rssWarm < RSS_GROWTH_BOUND_KB, "RSS grew by " + (rssEnd - rssWarm) + " KiB after warm-up");
    }

    @Test
    void connectCloseCyclesFreeEverythingAndKeepRssBounded(ProsodyServer server) throws Exception {
        int cycles = ReliabilityFigures.setting(150, 1000);
        int warmUp = 20; // JIT, OpenSSL's tables, thread stacks, malloc arenas
        TestAccount account = server.createAccount("cycle");
        long rssStart = ReliabilityFigures.rssKbAfterGc();
        long rssWarm = 0;
        long peakLive = 0;
        long allocations = 0;
        long start = System.nanoTime();
        for (int n = 0; n < cycles; n++) {
            CountingAllocator allocator = new CountingAllocator();
            try (XmppContext context = XmppContext.createCounting("cycle", LogLevel.WARN, allocator);
                 XmppClient c = server.clientBuilder(account, "cycle").context(context).build()) {
                c.connect().get(20, TimeUnit.SECONDS);
                peakLive = Math.max(peakLive, allocator.liveBytes());
            }
            allocations += allocator.totalAllocations();
            assertEquals(0, allocator.liveBytes(), "cycle " + n + ": libstrophe bytes never freed: " + allocator);
            if (n + 1 == warmUp) {
                rssWarm = ReliabilityFigures.rssKbAfterGc();
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long rssEnd = ReliabilityFigures.rssKbAfterGc();
        new ReliabilityFigures("native-memory-cycles").put("cycles", cycles).put("seconds", millis / 1000.0)
                .put("ms_per_cycle", millis / cycles).put("rss_start_kb", rssStart).put("rss_warm_kb", rssWarm)
                .put("rss_end_kb", rssEnd).put("rss_growth_after_warm_kb", rssEnd - rssWarm)
                .put("native_live_bytes_connected_max", peakLive).put("native_allocations_per_cycle", allocations / cycles)
                .put("native_live_bytes_after_each_close", 0).report();
        assertTrue(rssEnd - rssWarm < RSS_GROWTH_BOUND_KB, "RSS grew by " + (rssEnd - rssWarm) + " KiB after warm-up");
    }
}
