package io.github.strophejna.bench;

import io.github.strophejna.client.TlsPolicy;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Message;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The "crossthread" workload of scripts/bench.sh: against {@link FakeXmppServer} (plaintext, so the server
 * sees the bytes), the send latency from an application thread to the socket and the idle CPU of a connected
 * client's loop thread. A measurement, not a test: it prints figures and asserts nothing. Receive
 * throughput is {@link RawReceive}'s job.
 *
 * <p>Args: [idle seconds, default 30]
 */
public final class ClientFigures {

    private ClientFigures() {
    }

    public static void main(String[] args) throws Exception {
        int idleSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        try (FakeXmppServer server = new FakeXmppServer();
             XmppClient client = XmppClient.builder().jid("bench@localhost/bench").password("x".toCharArray())
                     .host("127.0.0.1").port(server.port()).tls(TlsPolicy.DISABLED).streamManagement(false)
                     .historySize(0).build()) {
            client.connect().get(10, TimeUnit.SECONDS);

            // cross-thread latency: one send at a time from this (non-loop) thread, 1 ms apart
            ConcurrentHashMap<String, Long> arrivals = new ConcurrentHashMap<>();
            server.onReceive((t, text) -> {
                int i = 0;
                while ((i = text.indexOf("id=\"lat-", i)) >= 0) {
                    int end = text.indexOf('"', i + 4);
                    arrivals.put(text.substring(i + 4, end), t);
                    i = end;
                }
            });
            int n = 8000;
            long[] sentAt = new long[n];
            for (int i = 0; i < n; i++) {
                Message m = Message.builder().to("peer@localhost").id("lat-" + i).body("latency probe").build();
                sentAt[i] = System.nanoTime();
                client.send(m);
                Thread.sleep(1);
            }
            Thread.sleep(200);
            long[] lat = new long[n - 3000];
            for (int i = 3000; i < n; i++) { // the first 3000 warm the JIT up
                Long at = arrivals.get("lat-" + i);
                lat[i - 3000] = at == null ? Long.MAX_VALUE : at - sentAt[i];
            }
            Arrays.sort(lat);
            System.out.printf("crossthread send latency to the socket: p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d sends)%n",
                    lat[lat.length / 2] / 1e6, lat[(int) (lat.length * 0.99)] / 1e6, lat[lat.length - 1] / 1e6, lat.length);
            System.out.printf("crossthread_p50_ms %.3f%ncrossthread_p99_ms %.3f%n", lat[lat.length / 2] / 1e6,
                    lat[(int) (lat.length * 0.99)] / 1e6);
            server.onReceive((t, s) -> { });

            // idle CPU of the loop thread
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long loopId = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("strophe-bench@localhost")).findFirst().orElseThrow().getId();
            long cpu0 = mx.getThreadCpuTime(loopId);
            long wall0 = System.nanoTime();
            Thread.sleep(idleSeconds * 1000L);
            long cpu = mx.getThreadCpuTime(loopId) - cpu0;
            long wall = System.nanoTime() - wall0;
            System.out.printf("idle CPU of a connected client's loop thread over %d s: %.4f %% of a core (%.2f ms CPU)%n",
                    idleSeconds, 100.0 * cpu / wall, cpu / 1e6);
            System.out.printf("idle_cpu_percent %.4f%n", 100.0 * cpu / wall);
        }
    }
}
