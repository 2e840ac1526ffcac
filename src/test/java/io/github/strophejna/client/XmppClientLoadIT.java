package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Traffic from many threads, faults in handlers, close under load, GC storms (connect/close cycles: NativeMemoryIT). */
@WithProsody
class XmppClientLoadIT {

    @Test
    void sixteenThreadsSendAThousandMessagesEachThroughOneClient(ProsodyServer server) throws Exception {
        TestAccount alice = server.createAccount("alice");
        TestAccount bob = server.createAccount("bob");
        Set<String> received = ConcurrentHashMap.newKeySet();
        try (XmppClient a = server.clientBuilder(alice, "a").build();
             XmppClient b = server.clientBuilder(bob, "b").build()) {
            b.onMessage(m -> received.add(m.id()));
            Jid to = b.connect().get(20, TimeUnit.SECONDS).jid();
            a.connect().get(20, TimeUnit.SECONDS);
            List<Thread> threads = new ArrayList<>();
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 1000; i++) {
                        CompletableFuture<Void> f = a.send(Message.builder().to(to).id(thread + "-" + i).body("m" + i).build());
                        synchronized (sends) {
                            sends.add(f);
                        }
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
            CompletableFuture.allOf(sends.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
            a.disconnect().get(30, TimeUnit.SECONDS); // the barrier: the server has all of them
            Eventually.await(() -> received.size() >= 16_000, java.time.Duration.ofMillis(60_000), "16_000 messages");
            assertEquals(16_000, received.size(), "messages received");
        }
    }

    @Test
    void aThrowingHandlerKillsNeitherTheLoopNorOtherHandlers(ProsodyServer server) throws Exception {
        TestAccount c = server.createAccount("carl");
        TestAccount d = server.createAccount("dora");
        try (XmppClient a = server.clientBuilder(c, "a").build();
             XmppClient b = server.clientBuilder(d, "b").build()) {
            AtomicInteger thrown = new AtomicInteger();
            CountDownLatch second = new CountDownLatch(3);
            b.onMessage(m -> {
                thrown.incrementAndGet();
                throw new IllegalStateException("handler bug, on purpose");
            });
            b.onMessage(m -> second.countDown());
            b.onIq("urn:example:t", req -> {
                throw new IllegalArgumentException("iq handler bug, on purpose");
            });
            Jid to = b.connect().get(20, TimeUnit.SECONDS).jid();
            a.connect().get(20, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                a.send(Message.builder().to(to).body("x").build());
            }
            assertTrue(second.await(10, TimeUnit.SECONDS), "the second handler stopped getting messages");
            assertEquals(3, thrown.get());
            XmppErrorException e = (XmppErrorException) XmppClientIT.failure(
                    a.sendIq(Iq.get(to, Stanza.builder("q").namespace("urn:example:t").build())));
            assertEquals("internal-server-error", e.error().condition());
            assertEquals(ConnectionState.CONNECTED, b.state());
        }
    }

    @Test
    void closeDuringTrafficLosesNothingSilently(ProsodyServer server) throws Exception {
        TestAccount e = server.createAccount("ed");
        TestAccount f = server.createAccount("fay");
        try (XmppClient b = server.clientBuilder(f, "b").build()) {
            AtomicInteger arrived = new AtomicInteger();
            b.onMessage(m -> arrived.incrementAndGet());
            Jid to = b.connect().get(20, TimeUnit.SECONDS).jid();
            XmppClient a = server.clientBuilder(e, "a").build();
            a.connect().get(20, TimeUnit.SECONDS);
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger refused = new AtomicInteger();
            Thread sender = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        sends.add(a.send(Message.builder().to(to).body("load " + i).build()));
                    } catch (IllegalStateException closed) {
                        refused.incrementAndGet();
                        return;
                    }
                }
            });
            sender.start();
            try {
                // traffic flowing end to end, and more queued behind it: now close
                Eventually.await(() -> arrived.get() >= 100, () -> "messages through to b before the close: " + arrived.get());
            } finally {
                a.close(); // while the sender still sends
                stop.set(true);
                sender.join();
            }
            for (CompletableFuture<Void> s : sends) {
                assertTrue(s.isDone() || s.handle((v, t) -> true).get(10, TimeUnit.SECONDS), "a send never completed");
            }
            assertThrows(IllegalStateException.class, () -> a.send(Message.builder().to(to).body("late").build()));
            assertTrue(sends.size() > 100, "sent only " + sends.size());
        }
    }

    @Test
    void gcStormsDuringTrafficCrashNothing(ProsodyServer server) throws Exception {
        TestAccount g = server.createAccount("gus");
        TestAccount h = server.createAccount("hal");
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicBoolean storm = new AtomicBoolean(true);
        Thread gc = new Thread(() -> {
            while (storm.get()) {
                System.gc();
            }
        });
        try (XmppClient a = server.clientBuilder(g, "a").build();
             XmppClient b = server.clientBuilder(h, "b").build()) {
            b.onMessage(m -> received.add(m.id()));
            gc.start();
            Jid to = b.connect().get(20, TimeUnit.SECONDS).jid();
            a.connect().get(20, TimeUnit.SECONDS);
            for (int i = 0; i < 3000; i++) {
                a.send(Message.builder().to(to).id("g" + i).body("gc " + i).build());
            }
            a.disconnect().get(30, TimeUnit.SECONDS);
            Eventually.await(() -> received.size() >= 3000, java.time.Duration.ofMillis(30_000), "3000 messages");
            assertEquals(3000, received.size());
        } finally {
            storm.set(false);
            gc.join();
        }
    }
}
