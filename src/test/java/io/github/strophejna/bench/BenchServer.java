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

/**
 * A throwaway Prosody for scripts/bench.sh (the test server's configuration: no archive, no rate limits,
 * Nagle off): starts it, registers a sender and a receiver (and, when asked, SCALE accounts scale-0 ...
 * scale-(SCALE-1) sharing one password, through in-band registration, which is much faster than one
 * prosodyctl run each), writes "host port cafile senderJid senderPassword receiverJid receiverPassword
 * scalePassword" to the file given, and stops (deleting everything) when its standard input closes.
 * Args: INFO_FILE [SCALE].
 */
public final class BenchServer {

    private static final int REGISTRATIONS_PER_STREAM = 50;

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        try (ProsodyServer server = ProsodyServer.start()) {
            TestAccount sender = server.createAccount("sender");
            TestAccount receiver = server.createAccount("receiver");
            String scalePassword = Long.toHexString(Double.doubleToLongBits(Math.random()));
            registerScaleAccounts(server, scale, scalePassword);
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
