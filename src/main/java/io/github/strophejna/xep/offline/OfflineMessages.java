package io.github.strophejna.xep.offline;

import io.github.strophejna.client.Await;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.xep.delay.Delay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The 4D plugin's "connect": log in, collect what the server stored while offline, log out. Messages come
 * with their XEP-0203 delay stamps. Disconnecting acknowledges them (Stream Management), so the next call
 * does not get them again. Blocking; any thread except a client's loop thread.
 */
public final class OfflineMessages {

    /**
     * A collected message.
     *
     * @param message the message
     * @param delay when it was originally sent, or null when it came live
     */
    public record Collected(Message message, Delay delay) {

        /** @return the delay's stamp, or null */
        public Instant stamp() {
            return delay == null ? null : delay.stamp();
        }
    }

    private OfflineMessages() {
    }

    /**
     * Collects offline messages.
     *
     * @param settings the client's settings (built, used and closed here)
     * @param quiet how long the stream must stay quiet after the server's flush before leaving
     * @param timeout the bound of the whole call
     * @return the messages, in arrival order
     * @throws io.github.strophejna.client.XmppException connect failures, or a timeout
     * @throws InterruptedException when interrupted
     */
    public static List<Collected> collect(XmppClient.Builder settings, Duration quiet, Duration timeout)
            throws InterruptedException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(quiet, "quiet");
        long deadline = System.nanoTime() + Objects.requireNonNull(timeout, "timeout").toNanos();
        List<Collected> out = new CopyOnWriteArrayList<>();
        AtomicLong lastArrival = new AtomicLong(System.nanoTime());
        try (XmppClient client = settings.build()) {
            client.onMessage(m -> {
                lastArrival.set(System.nanoTime());
                if (m.body() != null || !m.stanza().elements().isEmpty()) {
                    out.add(new Collected(m, Delay.from(m)));
                }
            });
            Await.until(client.connect(), deadline, "the login");
            // initial presence makes the server flush its store; the ping answer comes after the flush
            client.send(Presence.builder().build());
            Await.until(client.sendIq(Iq.get(Jid.of(null, client.jid().domain(), null),
                    Stanza.builder("ping").namespace("urn:xmpp:ping").build())), deadline, "the server's flush");
            lastArrival.set(System.nanoTime());
            while (System.nanoTime() - lastArrival.get() < quiet.toNanos() && System.nanoTime() < deadline) {
                Thread.sleep(Math.max(1, quiet.toMillis() / 10));
            }
            Await.until(client.disconnect(), deadline, "the disconnect");
        }
        return new ArrayList<>(out);
    }

}
