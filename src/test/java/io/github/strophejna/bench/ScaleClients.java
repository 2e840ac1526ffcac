package io.github.strophejna.bench;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.client.XmppContext;
import io.github.strophejna.jna.LibStrophe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * This library's side of scripts/bench.sh's "scale" and "scale-fixed" workloads: K clients (accounts scale-0 ...
 * scale-(K-1) of the bench server) logged in at once on one shared {@link XmppContext}, so one loop thread
 * serves them all (or on CONTEXTS contexts, client i on context i mod CONTEXTS: one loop thread each);
 * connected all at once, then left idle. Stream Management off, as on the Smack side. Logins refused (past
 * the stock libstrophe's select() limit of 1,024 descriptors) are counted by exception type and reported.
 * Args: K HOST PORT CAFILE PASSWORD IDLE_SECONDS [CONTEXTS]. Prints the library it runs on
 * ("scale_library ..."), then {@link ProcessFigures}' lines.
 */
public final class ScaleClients {

    private ScaleClients() {
    }

    public static void main(String[] a) throws Exception {
        int k = Integer.parseInt(a[0]);
        int contextCount = a.length > 6 ? Integer.parseInt(a[6]) : 1;
        System.out.println("scale_library " + LibStrophe.describe());
        int threadsBefore = Thread.activeCount();
        List<XmppClient> clients = new ArrayList<>();
        List<XmppContext> contexts = new ArrayList<>();
        try {
            for (int i = 0; i < contextCount; i++) {
                contexts.add(XmppContext.create(contextCount == 1 ? "strophe-scale" : "strophe-scale-" + i));
            }
            long t0 = System.nanoTime();
            long cpu0 = ProcessFigures.processCpuNanos();
            List<CompletableFuture<?>> connected = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                XmppClient c = XmppClient.builder().jid("scale-" + i + "@localhost/s").password(a[4].toCharArray())
                        .host(a[1]).port(Integer.parseInt(a[2])).caFile(Path.of(a[3])).streamManagement(false)
                        .historySize(0).context(contexts.get(i % contextCount)).build();
                clients.add(c);
                connected.add(c.connect());
            }
            // near the stock libstrophe's select() limit some logins are refused: each must fail alone, typed, and the
            // process must live on; count them by type instead of failing the workload
            Map<String, Integer> refused = new TreeMap<>();
            Map<String, Integer> reasons = new TreeMap<>();
            for (CompletableFuture<?> f : connected) {
                try {
                    f.get(300, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    refused.merge(e.getCause().getClass().getSimpleName(), 1, Integer::sum);
                    // grouped by what they say, numbers left out ("got descriptor 1024", "... 1025")
                    String cause = e.getCause().getClass().getSimpleName() + ": "
                            + String.valueOf(e.getCause().getMessage()).replaceAll("[0-9]+", "N");
                    reasons.merge(cause.length() > 160 ? cause.substring(0, 160) + "..." : cause, 1, Integer::sum);
                }
            }
            double connectAll = (System.nanoTime() - t0) / 1e6;
            int failed = refused.values().stream().mapToInt(Integer::intValue).sum();
            if (failed > 0) { // a line of its own in the bench's log (not a figure: more than a name and a number)
                System.out.println("scale_refusals " + failed + " of " + k + " clients refused " + refused + ": " + reasons);
            }
            System.out.printf("scale_connected %d%n", k - failed);
            System.out.printf("scale_refused %d%n", failed);
            ProcessFigures.printScaleFigures(connectAll, cpu0, threadsBefore, Integer.parseInt(a[5]));
        } finally {
            for (XmppContext context : contexts) {
                context.close();
            }
        }
        System.exit(0); // leaving without closing each: the server drops them, which is not what is measured
    }
}
