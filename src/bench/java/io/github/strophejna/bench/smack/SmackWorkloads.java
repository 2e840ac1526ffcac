package io.github.strophejna.bench.smack;

import io.github.strophejna.bench.FloodMeter;
import io.github.strophejna.bench.WorkloadArgs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.EntityFullJid;

/**
 * Smack 4.4's side of scripts/bench.sh's flood, ping and connect workloads, with the same arguments and
 * output as native/bench/server_workloads.c and ServerWorkloads (settings: {@link SmackSetup}).
 * A measurement, not a test: prints "name value" lines, exits 1 on loss or failure.
 */
public final class SmackWorkloads {

    private SmackWorkloads() {
    }

    public static void main(String[] args) throws Exception {
        WorkloadArgs a = WorkloadArgs.parse(args);
        switch (a.workload()) {
            case "flood" -> flood(a);
            case "ping" -> ping(a);
            case "connect" -> connect(a);
            default -> throw new IllegalArgumentException("unknown workload " + a.workload());
        }
        System.exit(0);
    }

    private static XMPPTCPConnection connection(WorkloadArgs a, String jid, String password) throws Exception {
        return SmackSetup.connection(jid, password, a.host(), a.port(), Path.of(a.caFile()));
    }

    private static void flood(WorkloadArgs a) throws Exception {
        AtomicLong received = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        XMPPTCPConnection receiver = connection(a, a.peerJid(), a.peerPassword());
        XMPPTCPConnection sender = connection(a, a.jid(), a.password());
        receiver.addSyncStanzaListener(s -> {
            if (((Message) s).getBody() != null && received.incrementAndGet() == a.count()) {
                all.countDown();
            }
        }, StanzaTypeFilter.MESSAGE);
        receiver.connect().login();
        sender.connect().login();
        EntityFullJid to = receiver.getUser();
        String body = "x".repeat(a.size());
        FloodMeter meter = FloodMeter.start();
        for (long i = 0; i < a.count(); i++) {
            sender.sendStanza(StanzaBuilder.buildMessage("f-" + i).to(to).ofType(Message.Type.chat).setBody(body).build());
        }
        if (!all.await(300, TimeUnit.SECONDS)) {
            System.err.println("flood: received " + received.get() + " of " + a.count());
            System.exit(1);
        }
        meter.print(a.count());
        sender.disconnect();
        receiver.disconnect();
    }

    private static void ping(WorkloadArgs a) throws Exception {
        XMPPTCPConnection connection = connection(a, a.jid(), a.password());
        connection.connect().login();
        PingManager pings = PingManager.getInstanceFor(connection);
        double[] rtts = new double[(int) a.count()];
        for (int i = 0; i < rtts.length; i++) {
            long t0 = System.nanoTime();
            if (!pings.pingMyServer(false)) {
                throw new IllegalStateException("the server did not answer ping " + i);
            }
            rtts[i] = (System.nanoTime() - t0) / 1e6;
        }
        WorkloadArgs.printPercentiles("ping", rtts);
        connection.disconnect();
    }

    private static void connect(WorkloadArgs a) throws Exception {
        double[] cycles = new double[(int) a.count()];
        for (int i = 0; i < cycles.length; i++) {
            long t0 = System.nanoTime();
            XMPPTCPConnection connection = connection(a, a.jid(), a.password());
            connection.connect().login(); // binds and sends initial presence
            connection.disconnect();
            cycles[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(cycles);
        System.out.printf("connect_cycle_ms %.3f%n", cycles[cycles.length / 2]);
    }
}
