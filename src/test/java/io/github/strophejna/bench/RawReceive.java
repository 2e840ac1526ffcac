package io.github.strophejna.bench;

import io.github.strophejna.client.TlsPolicy;
import io.github.strophejna.client.XmppClient;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This library's side of the "raw" benchmark: a raw stream (no login) to the Blaster, counting messages
 * through onMessage as full Message objects (reading each body, as the C reference does). Args: PORT COUNT.
 * Prints "stanzas_per_second n".
 */
public final class RawReceive {

    private RawReceive() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long wanted = Long.parseLong(args[1]);
        AtomicLong seen = new AtomicLong();
        AtomicLong bodies = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        try (XmppClient client = XmppClient.builder().jid("bench@localhost").password(new char[0]).host("127.0.0.1")
                .port(port).tls(TlsPolicy.DISABLED).streamManagement(false).historySize(0).build()) {
            client.onMessage(m -> {
                if (m.body() != null) {
                    bodies.incrementAndGet();
                }
                if (seen.incrementAndGet() == wanted) {
                    done.countDown();
                }
            });
            long t0 = System.nanoTime();
            client.connectWithoutLogin().get(10, TimeUnit.SECONDS);
            if (!done.await(300, TimeUnit.SECONDS)) {
                System.err.println("received " + seen.get() + " of " + wanted);
                System.exit(1);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("stanzas_per_second %.0f%n", seen.get() / secs);
        }
        System.exit(0);
    }
}
