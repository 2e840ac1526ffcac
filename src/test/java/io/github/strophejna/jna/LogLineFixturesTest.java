package io.github.strophejna.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed log-line fixtures (src/test/resources/libstrophe-log, written by {@link LogLineCapture}) stay
 * readable as a table and free of credentials, and the capture's filter catches a password inside base64.
 */
class LogLineFixturesTest {

    private static final Path DIR = Path.of("src/test/resources/libstrophe-log");
    private static final List<String> VERSIONS = List.of("0.11.0", "0.12.2", "0.13.0", "0.13.1", "0.14.0", "master-b9eead3");
    private static final Set<String> LEVELS = Set.of("DEBUG", "INFO", "WARN", "ERROR");

    @Test
    void everyVersionHasATableOfFourColumnsWithoutSaslPayloads() throws IOException {
        for (String version : VERSIONS) {
            List<String> lines = Files.readAllLines(DIR.resolve(version + ".tsv"), StandardCharsets.UTF_8);
            assertTrue(lines.get(0).startsWith("# libstrophe " + version + " "), version + ": " + lines.get(0));
            for (String line : lines) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                assertEquals(4, f.length, version + ": " + line);
                assertTrue(LEVELS.contains(f[1]), version + ": " + line);
                assertFalse(f[3].matches(".*<(auth|response|challenge|success)\\b.*"), version + ": a SASL payload: " + f[0]);
            }
        }
    }

    @Test
    void theFilterDropsAPasswordHiddenInBase64AtAnyOffset() {
        LogLineFilter filter = new LogLineFilter();
        filter.secret("s3cret-Pa55word");
        for (String user : List.of("a", "ab", "abc")) { // the password starts at each of the three base64 offsets
            byte[] plain = ("\0" + user + "\0s3cret-Pa55word").getBytes(StandardCharsets.UTF_8);
            String encoded = Base64.getEncoder().encodeToString(plain);
            assertFalse(filter.keep("SENT: <x>" + encoded + "</x>"), user);
        }
        assertFalse(filter.keep("QUEUED: <auth xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\" mechanism=\"SCRAM-SHA-1\">biws</auth>"));
        assertTrue(filter.keep("RECV: <failure xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><not-authorized/></failure>"));
    }
}
