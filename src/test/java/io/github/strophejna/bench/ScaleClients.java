package io.github.strophejna.bench;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.client.XmppContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * This library's side of scripts/bench.sh's "scale" workload: K clients (accounts scale-0 ... scale-(K-1)
 * of the bench server) logged in at once on one shared {@link XmppContext}, so one loop thread serves them
 * all; connected all at once, then left idle. Stream Management off, as on the Smack side. Logins refused
 * (past libstrophe's select() limit of 1,024 descriptors) are counted by exception type and reported.
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
            // near libstrophe's select() limit some logins are refused: each must fail alone, typed, and the
            // process must live on; count them by type instead of failing the workload
            Map<String, Integer> refused = new TreeMap<>();
            String example = null;
            for (CompletableFuture<?> f : connected) {
                try {
                    f.get(300, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    refused.merge(e.getCause().getClass().getSimpleName(), 1, Integer::sum);
                    example = example != null ? example : e.getCause().getMessage();
                }
            }
            double connectAll = (System.nanoTime() - t0) / 1e6;
            int failed = refused.values().stream().mapToInt(Integer::intValue).sum();
            if (failed > 0) {
                System.err.println("scale: " + failed + " of " + k + " clients refused " + refused + ", e.g.: " + example);
            }
            System.out.printf("scale_connected %d%n", k - failed);
            System.out.printf("scale_refused %d%n", failed);
            ProcessFigures.printScaleFigures(connectAll, threadsBefore, Integer.parseInt(a[5]));
        }
        System.exit(0); // leaving without closing each: the server drops them, which is not what is measured
    }
}
