package io.github.strophejna.bench;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.client.XmppContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * This library's side of scripts/bench.sh's "scale" workload: K clients (accounts scale-0 ... scale-(K-1)
 * of the bench server) logged in at once on one shared {@link XmppContext}, so one loop thread serves them
 * all; connected all at once, then left idle. Stream Management off, as on the Smack side.
 * Args: K HOST PORT CAFILE PASSWORD IDLE_SECONDS. Prints {@link ProcessFigures}' lines.
 */
public final class ScaleClients {

    private ScaleClients() {
    }

    public static void main(String[] a) throws Exception {
        int k = Integer.parseInt(a[0]);
        int threadsBefore = Thread.activeCount();
        List<XmppClient> clients = new ArrayList<>();
        try (XmppContext context = XmppContext.create("strophe-scale")) {
            long t0 = System.nanoTime();
            List<CompletableFuture<?>> connected = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                XmppClient c = XmppClient.builder().jid("scale-" + i + "@localhost/s").password(a[4].toCharArray())
                        .host(a[1]).port(Integer.parseInt(a[2])).caFile(Path.of(a[3])).streamManagement(false)
                        .historySize(0).context(context).build();
                clients.add(c);
                connected.add(c.connect());
            }
            CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
            double connectAll = (System.nanoTime() - t0) / 1e6;
            ProcessFigures.printScaleFigures(connectAll, threadsBefore, Integer.parseInt(a[5]));
        }
        System.exit(0); // leaving without closing each: the server drops them, which is not what is measured
    }
}
