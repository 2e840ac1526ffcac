package io.github.strophejna.bench;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.client.XmppContext;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.xep.register.AccountManagement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throwaway Prosody for scripts/bench.sh (the test server's configuration: no archive, no rate limits,
 * Nagle off; and a listen backlog as large as SCALE, so that many clients can connect at once): starts it,
 * registers a sender and a receiver (and, when asked, SCALE accounts scale-0 ... scale-(SCALE-1) sharing one
 * password, through in-band registration, which is much faster than one prosodyctl run each), writes "host
 * port cafile senderJid senderPassword receiverJid receiverPassword scalePassword" to the file given, and stops
 * (deleting everything) when its standard input closes. Before that it prints, on standard output, what bounds
 * how many connections Prosody can take: its network backend (from its log), the open-files limit it runs with
 * and its listen backlog ("prosody: backend epoll, open files 20000/20000, listen backlog 2000 ...").
 * Args: INFO_FILE [SCALE].
 */
public final class BenchServer {

    private static final int REGISTRATIONS_PER_STREAM = 50;

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        // every scale client connects at once: Prosody's default listen backlog (128) overflows past a few hundred
        // (SYNs dropped, retried 1, 3, 7 ... s later), so the backlog takes them all (the kernel caps it at somaxconn)
        System.setProperty("strophe.prosody.tcpBacklog", String.valueOf(Math.max(128, scale)));
        try (ProsodyServer server = ProsodyServer.start()) {
            TestAccount sender = server.createAccount("sender");
            TestAccount receiver = server.createAccount("receiver");
            String scalePassword = Long.toHexString(Double.doubleToLongBits(Math.random()));
            registerScaleAccounts(server, scale, scalePassword);
            System.out.println("prosody: backend " + backend(server) + ", open files " + openFilesLimit() + ", listen backlog "
                    + Math.max(128, scale) + " (kernel's somaxconn " + somaxconn() + ")");
            System.out.flush();
            serve(Path.of(args[0]), server.host(), server.c2sPort(), server.caFile(), sender, receiver, scalePassword);
        }
    }

    /**
     * Writes the info line scripts/bench.sh reads (atomically: the script waits for the file), then waits
     * until the script closes our standard input. Every bench server ends this way.
     */
    static void serve(Path infoFile, String host, int port, Path caFile, TestAccount sender, TestAccount receiver,
            String scalePassword) throws IOException {
        Path tmp = Path.of(infoFile + ".tmp");
        Files.writeString(tmp, String.join(" ", host, String.valueOf(port), caFile.toString(), sender.jid("bench"),
                sender.password(), receiver.jid(), receiver.password(), scalePassword) + "\n");
        Files.move(tmp, infoFile, StandardCopyOption.ATOMIC_MOVE);
        while (System.in.read() >= 0) {
            // until the script closes our stdin
        }
    }

    /** @return Prosody's network backend as its start-up log names it ("epoll", "select", "event"), or "unknown" */
    private static String backend(ProsodyServer server) {
        Matcher m = Pattern.compile("using the (\\w+) backend").matcher(server.logTail(10_000));
        return m.find() ? m.group(1) : "unknown";
    }

    /** @return net.core.somaxconn, which caps every listen backlog, or "unknown" */
    private static String somaxconn() {
        try {
            // readAllLines: Files.readString sizes its buffer from the file, and a /proc file's size is 0
            return Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** @return "SOFT/HARD" of the running Prosody's "Max open files" (/proc/PID/limits), or "unknown" */
    private static String openFilesLimit() throws IOException {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            boolean prosody = child.info().commandLine().map(c -> c.contains("prosody") && c.contains(" -F")).orElse(false);
            Path limits = Path.of("/proc", String.valueOf(child.pid()), "limits");
            if (prosody && Files.isReadable(limits)) {
                for (String line : Files.readAllLines(limits)) {
                    if (line.startsWith("Max open files")) {
                        String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                        return f[0] + "/" + f[1];
                    }
                }
            }
        }
        return "unknown";
    }

    private static void registerScaleAccounts(ProsodyServer server, int count, String password) throws Exception {
        try (XmppContext context = XmppContext.create("bench-register")) {
            for (int first = 0; first < count; first += REGISTRATIONS_PER_STREAM) {
                try (XmppClient client = XmppClient.builder().jid("scale-" + first + "@" + ProsodyServer.DOMAIN).password(new char[0])
                        .host(server.host()).port(server.c2sPort()).caFile(server.caFile()).context(context).build()) {
                    client.connectWithoutLogin().get(30, TimeUnit.SECONDS);
                    AccountManagement accounts = AccountManagement.of(client);
                    List<CompletableFuture<Void>> done = new ArrayList<>();
                    for (int i = first; i < Math.min(count, first + REGISTRATIONS_PER_STREAM); i++) {
                        done.add(accounts.register("scale-" + i, password.toCharArray()));
                    }
                    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                }
            }
        }
    }
}
