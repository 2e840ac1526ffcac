package io.github.strophejna.bench;

import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the "oneshot" path: a whole JVM that starts, connects (STARTTLS, verified), sends one message
 * with SendAndDisconnect, and exits; wall time of the child process, median of N runs. Prints, asserts nothing.
 * Args: [runs, default 5]. The comparison with C and Smack is scripts/bench.sh's job.
 */
public final class OneShotFigure {

    private OneShotFigure() {
    }

    /** The child process: args FROM_JID TO_JID HOST PORT CAFILE; password in XMPP_PASSWORD. */
    public static final class Child {
        public static void main(String[] a) throws Exception {
            io.github.strophejna.client.XmppClient.Builder b = io.github.strophejna.client.XmppClient.builder().jid(a[0])
                    .password(System.getenv("XMPP_PASSWORD").toCharArray()).host(a[2]).port(Integer.parseInt(a[3]))
                    .caFile(Path.of(a[4]));
            io.github.strophejna.scripting.SendAndDisconnect.send(b, java.time.Duration.ofSeconds(30),
                    List.of(io.github.strophejna.stanza.Message.builder().to(a[1]).body("one shot").build().stanza()));
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (ProsodyServer server = ProsodyServer.start()) {
            TestAccount from = server.createAccount("oneshot");
            TestAccount to = server.createAccount("target");
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), Child.class.getName(), from.jid("cli"), to.jid(),
                        server.host(), Integer.toString(server.c2sPort()), server.caFile().toString()).inheritIO();
                pb.environment().put("XMPP_PASSWORD", from.password());
                long t0 = System.nanoTime();
                int rc = pb.start().waitFor();
                times.add((System.nanoTime() - t0) / 1_000_000);
                if (rc != 0) {
                    throw new IllegalStateException("the one-shot process failed: " + rc);
                }
            }
            times.sort(Long::compare);
            System.out.println("oneshot (JVM start, connect, send, confirm, exit): median " + times.get(times.size() / 2)
                    + " ms of " + times);
        }
    }
}
