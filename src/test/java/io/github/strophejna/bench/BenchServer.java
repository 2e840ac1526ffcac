package io.github.strophejna.bench;

import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throwaway Prosody for scripts/bench.sh: starts it, registers a sender and a receiver, writes
 * "host port cafile senderJid senderPassword receiverJid" to the file given, and stops (deleting
 * everything) when its standard input closes.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        try (ProsodyServer server = ProsodyServer.start()) {
            TestAccount sender = server.createAccount("sender");
            TestAccount receiver = server.createAccount("receiver");
            Path tmp = Path.of(args[0] + ".tmp");
            Files.writeString(tmp, server.host() + " " + server.c2sPort() + " " + server.caFile() + " " + sender.jid("bench")
                    + " " + sender.password() + " " + receiver.jid() + "\n");
            Files.move(tmp, Path.of(args[0]), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            while (System.in.read() >= 0) {
                // until the script closes our stdin
            }
        }
    }
}
