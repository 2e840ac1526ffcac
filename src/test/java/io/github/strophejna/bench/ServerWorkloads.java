package io.github.strophejna.bench;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.client.XmppContext;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.xep.ping.Ping;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This library's side of scripts/bench.sh's flood, ping and connect workloads against the throwaway server,
 * with the same arguments and output as native/bench/server_workloads.c (see there for what each measures).
 * Library defaults throughout, except Stream Management off on every side (C has none by default).
 * Args: flood|ping|connect N [SIZE] HOST PORT CAFILE JID PEER_JID; passwords from XMPP_PASSWORD and
 * XMPP_PEER_PASSWORD. A measurement, not a test: prints "name value" lines, exits 1 on loss or failure.
 */
public final class ServerWorkloads {

    private ServerWorkloads() {
    }

    public static void main(String[] args) throws Exception {
        WorkloadArgs a = WorkloadArgs.parse(args);
        try (XmppContext context = XmppContext.create("strophe-bench")) {
            switch (a.workload()) {
                case "flood" -> flood(a, context);
                case "ping" -> ping(a, context);
                case "connect" -> connect(a, context);
                default -> throw new IllegalArgumentException("unknown workload " + a.workload());
            }
        }
        System.exit(0);
    }

    private static XmppClient.Builder client(WorkloadArgs a, XmppContext context, String jid, String password) {
        return XmppClient.builder().jid(jid).password(password.toCharArray()).host(a.host()).port(a.port())
                .caFile(Path.of(a.caFile())).streamManagement(false).context(context);
    }

    private static void flood(WorkloadArgs a, XmppContext context) throws Exception {
        AtomicLong received = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        try (XmppClient receiver = client(a, context, a.peerJid(), a.peerPassword()).build();
             XmppClient sender = client(a, context, a.jid(), a.password()).build()) {
            receiver.onMessage(m -> {
                if (m.body() != null && received.incrementAndGet() == a.count()) {
                    all.countDown();
                }
            });
            Jid to = receiver.connect().get(30, TimeUnit.SECONDS).jid();
            sender.connect().get(30, TimeUnit.SECONDS);
            String body = "x".repeat(a.size());
            FloodMeter meter = FloodMeter.start();
            for (long i = 0; i < a.count(); i++) {
                sender.send(Message.builder().type(Message.Type.CHAT).to(to).id("f-" + i).body(body).build());
            }
            if (!all.await(300, TimeUnit.SECONDS)) {
                System.err.println("flood: received " + received.get() + " of " + a.count());
                System.exit(1);
            }
            meter.print(a.count());
        }
    }

    private static void ping(WorkloadArgs a, XmppContext context) throws Exception {
        try (XmppClient client = client(a, context, a.jid(), a.password()).build()) {
            client.connect().get(30, TimeUnit.SECONDS);
            Jid server = Jid.parse(client.jid().domain());
            Ping ping = Ping.of(client);
            double[] rtts = new double[(int) a.count()];
            for (int i = 0; i < rtts.length; i++) {
                long t0 = System.nanoTime();
                ping.ping(server).get(30, TimeUnit.SECONDS);
                rtts[i] = (System.nanoTime() - t0) / 1e6;
            }
            WorkloadArgs.printPercentiles("ping", rtts);
        }
    }

    private static void connect(WorkloadArgs a, XmppContext context) throws Exception {
        double[] cycles = new double[(int) a.count()];
        for (int i = 0; i < cycles.length; i++) {
            long t0 = System.nanoTime();
            try (XmppClient client = client(a, context, a.jid(), a.password()).build()) {
                client.connect().get(30, TimeUnit.SECONDS); // binds and sends initial presence
            }
            cycles[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(cycles);
        System.out.printf("connect_cycle_ms %.3f%n", cycles[cycles.length / 2]);
    }
}
