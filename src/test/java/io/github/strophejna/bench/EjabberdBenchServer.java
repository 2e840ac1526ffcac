package io.github.strophejna.bench;

import io.github.strophejna.testing.TestAccount;
import java.nio.file.Path;

/**
 * A throwaway ejabberd for scripts/bench.sh's flood-ejabberd ({@link EjabberdServer}): registers a sender
 * and a receiver, writes the same info line as {@link BenchServer} (no scale accounts: "-" for their
 * password), and stops, deleting everything, when its standard input closes. Args: INFO_FILE.
 */
public final class EjabberdBenchServer {

    private EjabberdBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        try (EjabberdServer server = EjabberdServer.start()) {
            TestAccount sender = server.createAccount("sender");
            TestAccount receiver = server.createAccount("receiver");
            BenchServer.serve(Path.of(args[0]), server.host(), server.c2sPort(), server.caFile(), sender, receiver, "-");
        }
    }
}
