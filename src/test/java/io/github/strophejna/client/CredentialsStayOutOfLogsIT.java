package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full DEBUG log of a login (and of a failed one) holds neither the password nor its base64 forms. */
@WithProsody
class CredentialsStayOutOfLogsIT {

    @Test
    void debugLogHistoryAndErrorsHoldNoCredentials(ProsodyServer server, @TempDir Path dir) throws Exception {
        TestAccount acc = server.createAccount("secretive");
        Path log = dir.resolve("debug.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug", "-Dorg.slf4j.simpleLogger.logFile=" + log,
                LoginProbe.class.getName(), acc.jid("probe"), server.host(), Integer.toString(server.c2sPort()),
                server.caFile().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PROBE_PASSWORD", acc.password());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String logText = Files.readString(log);
        assertTrue(out.contains("DONE") && out.contains("ERROR io.github.strophejna.client.AuthenticationException"), out);
        assertTrue(logText.contains("SENT: <auth") && logText.contains("RECV: <success"), "the log lacks the SASL exchange");
        assertTrue(out.contains("\"direction\":\"out\""), "no history exported");

        String pw = acc.password();
        String user = acc.localpart();
        List<String> forbidden = List.of(pw, b64(pw), b64("\0" + user + "\0" + pw), b64(user + "\0" + pw),
                b64(acc.jid() + "\0" + user + "\0" + pw), pw + "-wrong", b64("\0" + user + "\0" + pw + "-wrong"));
        for (String f : forbidden) {
            assertFalse(logText.contains(f), "the DEBUG log contains a credential form: " + f.length() + " chars");
            assertFalse(out.contains(f), "stdout (history, errors, toString) contains a credential form");
        }
        assertTrue(logText.contains("[redacted]"), "nothing was redacted: the SASL lines were not seen");
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
