package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.testing.Eventually;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every public method of a closed {@link XmppClient}, {@link XmppContext} and {@link XmppComponent}: an
 * {@link IllegalStateException} (thrown, or as the future's failure) or a harmless answer, never a call into
 * freed native memory. No server needed: the clients are built but never connected, which is the case a
 * closed native connection must survive anyway.
 */
class UseAfterCloseTest {

    private static XmppClient closedClient() {
        XmppClient c = XmppClient.builder().jid("closed@example.invalid/r").password("pw".toCharArray()).build();
        c.close();
        return c;
    }

    /** The method throws IllegalStateException, or returns a future that fails with it. */
    private static void refused(String what, Supplier<?> call) throws Exception {
        Object result;
        try {
            result = call.get();
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("closed"), what + ": " + e.getMessage());
            return;
        }
        assertInstanceOf(CompletableFuture.class, result, what + " neither threw nor returned a future");
        CompletableFuture<?> f = (CompletableFuture<?>) result;
        Throwable t = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS), what).getCause();
        assertInstanceOf(IllegalStateException.class, t, what);
    }

    @Test
    void aClosedClientRefusesEverythingThatWouldReachLibstrophe() throws Exception {
        XmppClient c = closedClient();
        Stanza ping = Stanza.builder("ping").namespace("urn:xmpp:ping").build();
        Map<String, Supplier<?>> refusing = new java.util.LinkedHashMap<>();
        refusing.put("connect", c::connect);
        refusing.put("connectWithoutLogin", c::connectWithoutLogin);
        refusing.put("detachStreamManagement", c::detachStreamManagement);
        refusing.put("send", () -> c.send(ping));
        refusing.put("send(Message)", () -> c.send(Message.builder().to("a@b").body("x").build()));
        refusing.put("send(Presence)", () -> c.send(Presence.builder().build()));
        refusing.put("sendXml", () -> c.sendXml("<presence/>"));
        refusing.put("sendIq", () -> c.sendIq(Iq.get(null, ping)));
        refusing.put("sendIq(timeout)", () -> c.sendIq(Iq.get(null, ping), Duration.ofSeconds(1)));
        refusing.put("schedule", () -> c.schedule(Duration.ofMillis(10), () -> { }));
        for (Map.Entry<String, Supplier<?>> e : refusing.entrySet()) {
            refused(e.getKey(), e.getValue());
        }
        // the rest touch no native state: answers, Java-side registrations, and idempotent ends
        c.disconnect().get(5, TimeUnit.SECONDS);
        c.close();
        assertEquals(ConnectionState.DISCONNECTED, c.state());
        assertEquals("closed@example.invalid/r", c.jid().toString());
        assertTrue(c.history().entries().isEmpty(), "history entries on a client that never connected");
        assertFalse(c.inEventLoop());
        c.onMessage(m -> { }).close();
        c.onPresence(p -> { }).close();
        c.onIq("urn:x", iq -> null).close();
        c.addHandler(s -> true, s -> { }).close();
        c.onStateChange(s -> { }).close();
        c.interceptOutgoing(s -> s).close();
        assertEquals("helper", c.extension(String.class, client -> "helper"));
        try (XmppClient variant = c.newBuilder().resource("variant").build()) { // a closed client's settings still make new clients
            assertEquals("closed@example.invalid/variant", variant.jid().toString());
        }

        Set<String> covered = Set.of("connect", "connectWithoutLogin", "detachStreamManagement", "send", "sendXml", "sendIq",
                "schedule", "disconnect", "close", "state", "jid", "history", "inEventLoop", "onMessage", "onPresence",
                "onIq", "addHandler", "onStateChange", "interceptOutgoing", "extension", "newBuilder");
        Set<String> missing = new TreeSet<>();
        for (Method m : XmppClient.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !covered.contains(m.getName())) {
                missing.add(m.getName());
            }
        }
        assertEquals(Set.of(), missing, "public methods this test does not call after close()");
    }

    @Test
    void aClosedContextTakesNoMoreClients() {
        XmppContext ctx = XmppContext.create("closed-ctx");
        ctx.close();
        ctx.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> XmppClient.builder().jid("a@example.invalid").password("pw".toCharArray()).context(ctx).build());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertFalse(ctx.inEventLoop());
    }

    @Test
    void aContextOutlivesItsCreatorWhileAClientUsesIt() throws Exception {
        XmppContext ctx = XmppContext.create("shared-ctx");
        XmppClient c = XmppClient.builder().jid("a@example.invalid").password("pw".toCharArray()).context(ctx).build();
        ctx.close();
        // the loop still runs for the client: a task scheduled through it runs, on the context's thread
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        Registration tick = c.schedule(Duration.ofMillis(10), () -> ran.complete(Thread.currentThread()));
        Eventually.await(ran::isDone, "a task scheduled after the creator closed the context to run");
        tick.close();
        Thread loop = ran.get();
        assertEquals("shared-ctx", loop.getName());
        c.disconnect().get(5, TimeUnit.SECONDS); // a call the loop must run, answered
        c.close();
        // the client held the last reference: its close stops the loop
        loop.join(10_000);
        assertFalse(loop.isAlive(), "the loop of a context nobody uses runs on");
        refused("send after both closed", () -> c.send(Presence.builder().build()));
    }

    @Test
    void aClosedComponentRefusesToo() throws Exception {
        XmppComponent comp = XmppComponent.create("component.example.invalid", "secret".toCharArray(), "127.0.0.1", 1);
        comp.close();
        comp.close();
        refused("component connect", () -> comp.client().connect());
        refused("component send", () -> comp.client().send(Stanza.builder("message").build()));
    }
}
