package io.github.strophejna.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without Prosody (and without Docker) a test needing the server fails and says how to install it. */
class ProsodyMissingTest {

    @Test
    void missingProsodyFailsWithTheInstallCommand(@TempDir Path emptyBin) {
        String old = System.getProperty(LocalProsody.BIN_PROPERTY);
        System.setProperty(LocalProsody.BIN_PROPERTY, emptyBin.toString());
        try {
            if (ProsodyServer.containersAvailable()) {
                try (ProsodyServer server = ProsodyServer.start()) {
                    assertTrue(server.c2sPort() > 0); // the Docker fallback took over
                }
                return;
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, ProsodyServer::start);
            assertTrue(e.getMessage().contains("apt-get install -y prosody"), e.getMessage());
            assertTrue(e.getMessage().contains("no Docker engine"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(LocalProsody.BIN_PROPERTY);
            } else {
                System.setProperty(LocalProsody.BIN_PROPERTY, old);
            }
        }
    }
}
