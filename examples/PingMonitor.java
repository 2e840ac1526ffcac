import io.github.strophejna.client.ConnectionState;
import io.github.strophejna.client.ReconnectPolicy;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.scripting.ExitStatus;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.xep.ping.Ping;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pings a list of JIDs (servers, accounts, components) with XMPP Ping (XEP-0199) every {@code --every},
 * printing each round-trip time, an {@code OUTAGE} line when a target stops answering (its own failure, or
 * our connection to the server lost) and a {@code BACK} line with the outage's length when it answers
 * again. It reconnects by itself. Targets default to the account's own server. Runs until stopped.
 *
 * <pre>scripts/example PingMonitor --jid monitor@example.org --every 5s example.org conference.example.org</pre>
 */
public final class PingMonitor {

    public static void main(String[] args) throws Exception {
        ExampleOptions options = ExampleOptions.parse(args,
                "PingMonitor --jid JID [--every 5s] [--timeout 3s] [TARGET_JID ...]");
        Duration every = options.duration("every", Duration.ofSeconds(5));
        Duration timeout = options.duration("timeout", Duration.ofSeconds(3));
        XmppClient client = options.client()
                .reconnect(ReconnectPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30)))
                .build();
        List<Jid> targets = new ArrayList<>();
        for (String t : options.positional()) {
            targets.add(options.jid(t));
        }
        if (targets.isEmpty()) {
            targets.add(Jid.of(null, client.jid().domain(), null));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            stopped.countDown();
        }));
        Ping.of(client).respond(); // a monitor that others can ping too
        Map<Jid, Instant> downSince = new ConcurrentHashMap<>();
        AtomicBoolean online = new AtomicBoolean();
        // state changes come on the loop thread; each failed reconnect attempt is one more DISCONNECTED
        client.onStateChange(change -> {
            if (change.state() == ConnectionState.DISCONNECTED && change.cause() != null) {
                System.out.println(now() + (online.getAndSet(false) ? " connection lost: " : " reconnect failed: ")
                        + change.cause().getMessage());
            } else if (change.state() == ConnectionState.CONNECTED || change.state() == ConnectionState.RESUMED) {
                online.set(true);
                System.out.println(now() + " connected as " + client.jid());
            }
        });
        try {
            client.connect().get();
        } catch (Exception e) {
            ExampleOptions.exit(e);
        }
        // every tick sends all pings at once and returns: the task runs on the loop thread, which must not wait
        Runnable round = () -> targets.forEach(target -> Ping.of(client).ping(target)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((rtt, failure) -> report(target, rtt, failure, downSince)));
        round.run();
        client.schedule(every, round);
        stopped.await();
    }

    private static void report(Jid target, Duration rtt, Throwable failure, Map<Jid, Instant> downSince) {
        if (failure == null) {
            Instant since = downSince.remove(target);
            if (since != null) {
                System.out.println(now() + " BACK " + target + " after "
                        + Duration.between(since, Instant.now()).toMillis() / 1000.0 + " s");
            }
            System.out.printf("%s %s %.1f ms%n", now(), target, rtt.toNanos() / 1e6);
        } else if (downSince.putIfAbsent(target, Instant.now()) == null) {
            Throwable cause = ExitStatus.unwrap(failure);
            System.out.println(now() + " OUTAGE " + target + ": "
                    + (cause instanceof java.util.concurrent.TimeoutException ? "no answer" : cause.getMessage()));
        }
    }

    private static LocalTime now() {
        return LocalTime.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
