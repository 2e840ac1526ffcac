package io.github.strophejna.client;

import io.github.strophejna.jna.LibStrophe;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * One process of {@link CrossProcessResumeIT}: a client driven line by line on stdin, reporting on stdout (lines
 * starting with {@value #TAG}). Started with {@code -Dstrophe.library.path} pointing at the libstrophe build under
 * test.
 *
 * <pre>
 * SmResumeProcess save|resume JID HOST PORT CAFILE STATEFILE      (password in the environment: SM_PASSWORD)
 * </pre>
 *
 * {@code save}: every Stream Management state the client gets ({@code onStreamManagementState}) replaces
 * STATEFILE, atomically (empty states are ignored; the client passes none anyway). {@code resume}: STATEFILE's
 * bytes go to {@code Builder.resume(bytes)}. Commands: {@code CONNECT}; {@code SYNC} (a ping to the server, so the
 * state counts everything received before); {@code SEND TO BODY}; {@code SEND-AND-HALT TO BODY} (waits until
 * nothing is queued or unacknowledged, sends, and halts the JVM from inside the state callback that reports the
 * message queued and not yet written: no stream close, no write, so the server keeps the session to resume and the
 * saved state holds an unsent stanza); {@code QUIT} (disconnect, exit 0).
 */
public final class SmResumeProcess {

    static final String TAG = "SMP ";
    private static final PrintStream OUT = System.out;

    private static volatile byte[] lastState;
    private static volatile String haltOn;
    private static Path stateFile;

    private SmResumeProcess() {
    }

    public static void main(String[] args) throws Exception {
        String role = args[0];
        Jid jid = Jid.parse(args[1]);
        stateFile = Path.of(args[5]);
        say("LIB " + LibStrophe.describe());
        XmppClient.Builder b = XmppClient.builder().jid(jid).password(System.getenv("SM_PASSWORD").toCharArray())
                .host(args[2]).port(Integer.parseInt(args[3])).caFile(Path.of(args[4]));
        if (System.getenv("SMP_DEBUG") != null) {
            b.libstropheLogLevel(LogLevel.DEBUG); // libstrophe's traffic in the output, for a failure's message
        }
        if (role.equals("save")) {
            b.onStreamManagementState(SmResumeProcess::save);
        } else {
            byte[] saved = Files.readAllBytes(stateFile);
            SmStateBytes s = SmStateBytes.parse(saved);
            say("RESTORING handled=" + s.handled() + " unsent=" + s.sendQueue().size() + " unacked=" + s.smQueue().size()
                    + " jid=" + s.boundJid());
            b.resume(saved);
        }
        try (XmppClient client = b.build()) {
            client.onMessage(m -> say("GOT " + m.body()));
            client.onStateChange(c -> say("STATE " + c.state()));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                String[] w = line.split(" ", 3);
                switch (w[0]) {
                    case "CONNECT" -> {
                        try {
                            Session s = client.connect().get(30, TimeUnit.SECONDS);
                            say("READY " + s.jid() + " resumed=" + s.resumed() + " sm=" + s.streamManagement());
                        } catch (java.util.concurrent.ExecutionException e) {
                            say("FAILED " + e.getCause().getClass().getName() + ": " + e.getCause().getMessage());
                        }
                    }
                    case "SYNC" -> {
                        client.sendIq(Iq.get(null, Stanza.builder("ping").namespace("urn:xmpp:ping").build()))
                                .get(20, TimeUnit.SECONDS);
                        say("SYNCED");
                    }
                    case "SEND" -> {
                        client.send(Message.builder().to(w[1]).body(w[2]).build()).get(10, TimeUnit.SECONDS);
                        say("SENT " + w[2]);
                    }
                    case "SEND-AND-HALT" -> {
                        awaitQuiet();
                        haltOn = w[2];
                        client.send(Message.builder().to(w[1]).body(w[2]).build());
                        Thread.sleep(10_000);
                        say("NO-HALT: no state reported " + w[2] + " queued and unwritten");
                        Runtime.getRuntime().halt(3);
                    }
                    case "QUIT" -> {
                        client.disconnect().get(20, TimeUnit.SECONDS);
                        say("BYE");
                        return;
                    }
                    default -> say("UNKNOWN " + line);
                }
            }
        }
    }

    /** The state callback: the last state replaces the file, as an application would keep it. */
    private static void save(byte[] state) {
        if (state.length == 0) {
            return; // libstrophe's "no session enabled": nothing to resume, and the last real state must stay
        }
        try {
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            Files.write(tmp, state);
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastState = state;
        String marker = haltOn;
        if (marker != null && SmStateBytes.parse(state).sendQueue().stream().anyMatch(x -> x.contains(marker))) {
            say("HALT with " + marker + " queued, not written");
            Runtime.getRuntime().halt(0); // as a crash would: no close, no write, no shutdown hook
        }
    }

    /**
     * Waits until the last state has nothing queued and nothing unacknowledged: libstrophe then asks for an
     * acknowledgement after the next stanza it queues, and so reports the state right then.
     */
    private static void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            byte[] s = lastState;
            if (s != null && SmStateBytes.parse(s).sendQueue().isEmpty() && SmStateBytes.parse(s).smQueue().isEmpty()) {
                return;
            }
            Thread.sleep(10);
        }
        say("NOT-QUIET");
    }

    private static synchronized void say(String line) {
        OUT.println(TAG + line);
        OUT.flush();
    }
}
