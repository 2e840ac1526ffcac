package io.github.strophejna.bench.smack;

import io.github.strophejna.bench.ProcessFigures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/**
 * Smack 4.4's side of scripts/bench.sh's "scale" workload: K connections (one XMPPTCPConnection each,
 * accounts scale-0 ... scale-(K-1)) logged in at once, then left idle. Smack's connect and login block, so
 * they run on a pool of 16 threads, shut down before anything is measured. Args and output as ScaleClients.
 */
public final class SmackScale {

    private SmackScale() {
    }

    public static void main(String[] a) throws Exception {
        int k = Integer.parseInt(a[0]);
        int threadsBefore = Thread.activeCount();
        List<XMPPTCPConnection> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long t0 = System.nanoTime();
        long cpu0 = ProcessFigures.processCpuNanos();
        List<Future<?>> connected = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            XMPPTCPConnection c = SmackSetup.connection("scale-" + i + "@localhost/s", a[4], a[1], Integer.parseInt(a[2]),
                    Path.of(a[3]));
            connections.add(c);
            connected.add(pool.submit(() -> {
                c.connect().login();
                return null;
            }));
        }
        for (Future<?> f : connected) {
            f.get(300, TimeUnit.SECONDS);
        }
        double connectAll = (System.nanoTime() - t0) / 1e6;
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        System.out.printf("scale_connected %d%n", k); // Smack has no descriptor limit: any failure fails the run
        System.out.printf("scale_refused %d%n", 0);
        ProcessFigures.printScaleFigures(connectAll, cpu0, threadsBefore, Integer.parseInt(a[5]));
        System.exit(0);
    }
}
