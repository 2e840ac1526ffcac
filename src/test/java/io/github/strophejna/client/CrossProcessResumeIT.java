package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.jna.LibStrophe;
import io.github.strophejna.jna.LibStropheBuilds;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.RoundTrip;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream Management resumed across processes (XEP-0198, {@code onStreamManagementState} then
 * {@code Builder.resume(bytes)}), with two JVMs of {@link SmResumeProcess} on a libstrophe built for the purpose
 * ({@link LibStropheBuilds}: made on first use from ../shared/libstrophe, whatever library this JVM loaded; the
 * sender and the watcher here are ordinary clients).
 *
 * <p>Process A logs in, saves every state, gets numbered messages, makes its state count them all (a ping), then
 * queues a message to the watcher and dies from inside the state callback that reports it queued: no stream close,
 * nothing written, so Prosody keeps the session for resumption (smacks_hibernation_time: 600 s by default). More
 * numbered messages go to A's full JID while no process is connected. Process B resumes from the file.
 */
@WithProsody
class CrossProcessResumeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** -Dstrophe.test.childDebug=true: the processes log libstrophe's traffic (shown when a check fails). */
    private static final boolean DEBUG = Boolean.getBoolean("strophe.test.childDebug");

    /**
     * On 0.14.0 with the project's fixes (sm-restore among them): B gets RESUMED and exactly the messages sent
     * after A's last acknowledged one, none lost, none twice; the message A had queued but not written reaches the
     * watcher once (the client sends what the restored state had not written); what B sends after resuming arrives.
     */
    @Test
    void aSessionSavedByOneProcessIsResumedByAnotherOnAFixedBuild(ProsodyServer server, @TempDir Path dir) throws Exception {
        Path library = LibStropheBuilds.get("0.14.0" + LibStropheBuilds.FIXED);
        try (Scenario s = new Scenario(server, dir, library, "fixed")) {
            String full = s.runProcessA();
            SmStateBytes saved = SmStateBytes.parse(Files.readAllBytes(s.stateFile));
            assertEquals(full, saved.boundJid(), "a build with sm-restore saves the bound JID with the state");

            Child b = s.start("resume", full);
            String ready = b.send("CONNECT").await(l -> l.startsWith("READY ") || l.startsWith("FAILED "));
            assertEquals("READY " + full + " resumed=true sm=true", ready, "process B: " + b.lines);
            assertTrue(b.lines.contains("STATE RESUMED"), "ConnectionState RESUMED expected: " + b.lines);
            List<String> after = bodies(6, 10); // sent while no process was connected
            Eventually.await(() -> b.got().size() >= after.size(), WAIT, () -> "B to get " + after + ": " + b.lines);
            b.send("SYNC").await("SYNCED"::equals); // a duplicate would come before the ping's answer
            assertEquals(after, b.got(), () -> "B gets exactly the messages after A's last acknowledged one, in order, once"
                    + " each; B's output:\n" + String.join("\n", b.output) + "\nA's:\n" + String.join("\n", s.children.get(0).output)
                    + "\nthe server's log:\n" + server.logTail(60));

            b.send("SEND " + s.watcherJid + " from-b-after-resume").await("SENT from-b-after-resume"::equals);
            Eventually.await(() -> s.watched.contains("from-b-after-resume"), WAIT, () -> "the watcher to get B's message: " + s.watched);
            RoundTrip.await(s.watcher);
            assertEquals(List.of("unsent-by-a", "from-b-after-resume"), s.watched,
                    "the message A had queued but not written, sent once by B after the resume, then B's own");
            b.send("QUIT").await("BYE"::equals);
            assertEquals(0, b.exit(), b.lines.toString());
            System.out.println("cross-process resume on fixed 0.14.0: A " + s.children.get(0).lines + "; B " + b.lines
                    + "; the watcher got " + s.watched);
        }
    }

    /**
     * On stock 0.14.0 (no sm-restore), {@code Builder.resume(bytes)} keeps its documented behaviour: the first connect
     * fails, typed, instead of resuming; the next one binds a new session (CONNECTED, not resumed) that works.
     */
    @Test
    void onStock014TheRestoredStateFailsItsAttemptAndTheNextOneStartsANewSession(ProsodyServer server, @TempDir Path dir)
            throws Exception {
        Path library = LibStropheBuilds.get("0.14.0");
        try (Scenario s = new Scenario(server, dir, library, "stock")) {
            String full = s.runProcessA();
            assertNull(SmStateBytes.parse(Files.readAllBytes(s.stateFile)).boundJid(), "stock 0.14.0 saves no bound JID");

            Child b = s.start("resume", full);
            String first = b.send("CONNECT").await(l -> l.startsWith("READY ") || l.startsWith("FAILED "));
            assertTrue(first.startsWith("FAILED io.github.strophejna.client."), "the first attempt fails, typed: " + b.lines);
            String second = b.send("CONNECT").await(l -> l.startsWith("READY ") || l.startsWith("FAILED "));
            assertEquals("READY " + full + " resumed=false sm=true", second, "then a new session: " + b.lines);
            assertTrue(b.lines.contains("STATE CONNECTED") && !b.lines.contains("STATE RESUMED"), b.lines.toString());
            b.send("SEND " + s.watcherJid + " from-b-new-session").await("SENT from-b-new-session"::equals);
            Eventually.await(() -> s.watched.contains("from-b-new-session"), WAIT, () -> "B's message: " + s.watched);
            b.send("QUIT").await("BYE"::equals);
            assertEquals(0, b.exit(), b.lines.toString());
            System.out.println("cross-process resume on stock 0.14.0: B " + b.lines);
        }
    }

    /** @return the bodies of the numbered messages FROM to TO: "n6", ... */
    private static List<String> bodies(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "n" + i).toList();
    }

    /** The accounts, the clients of this JVM, process A's run, and the messages sent while nobody is connected. */
    private static final class Scenario implements AutoCloseable {
        final ProsodyServer server;
        final Path library;
        final Path stateFile;
        final TestAccount owner;
        final io.github.strophejna.client.XmppClient sender;
        final io.github.strophejna.client.XmppClient watcher;
        final String watcherJid;
        final List<String> watched = new CopyOnWriteArrayList<>();
        final List<Child> children = new ArrayList<>();
        private String full;

        Scenario(ProsodyServer server, Path dir, Path library, String name) throws Exception {
            this.server = server;
            this.library = library;
            this.stateFile = dir.resolve("sm-state.bin");
            this.owner = server.createAccount("roamer" + name);
            TestAccount s = server.createAccount("numbers" + name);
            TestAccount w = server.createAccount("watcher" + name);
            sender = server.clientBuilder(s, "s").build();
            watcher = server.clientBuilder(w, "w").build();
            watcher.onMessage(m -> watched.add(m.body()));
            sender.connect().get(20, TimeUnit.SECONDS);
            watcherJid = watcher.connect().get(20, TimeUnit.SECONDS).jid().toString();
        }

        /**
         * Process A: logs in, gets messages 1 to 5, syncs its state, and dies with a message to the watcher queued;
         * then messages 6 to 10 are sent to its full JID.
         *
         * @return A's full JID
         */
        String runProcessA() throws Exception {
            Child a = start("save", owner.jid("roaming"));
            String ready = a.send("CONNECT").await(l -> l.startsWith("READY ") || l.startsWith("FAILED "));
            assertTrue(ready.startsWith("READY ") && ready.endsWith(" resumed=false sm=true"), "process A: " + a.lines);
            full = ready.split(" ")[1];
            List<String> before = numbered(1, 5);
            Eventually.await(() -> a.got().size() >= before.size(), WAIT, () -> "A to get " + before + ": " + a.lines);
            assertEquals(before, a.got());
            a.send("SYNC").await("SYNCED"::equals); // the state saved from here on counts messages 1 to 5
            a.send("SEND-AND-HALT " + watcherJid + " unsent-by-a");
            assertEquals(0, a.exit(), "process A must halt from its state callback: " + a.lines);
            assertTrue(a.lines.contains("HALT with unsent-by-a queued, not written"), a.lines.toString());
            SmStateBytes saved = SmStateBytes.parse(Files.readAllBytes(stateFile));
            assertTrue(saved.sendQueue().stream().anyMatch(x -> x.contains("unsent-by-a")),
                    "the saved state holds the unwritten message: " + saved.sendQueue());
            numbered(6, 10);
            RoundTrip.await(sender); // the server has them all, for a session that nobody holds now
            return full;
        }

        /** Sends messages FROM to TO (see {@link #bodies}) to A's full JID. @return their bodies */
        List<String> numbered(int from, int to) {
            List<String> bodies = bodies(from, to);
            for (String body : bodies) {
                sender.send(Message.builder().to(full).id(body).body(body).build());
            }
            return bodies;
        }

        Child start(String role, String jid) throws IOException, InterruptedException {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "-D" + LibStrophe.PATH_PROPERTY + "=" + library, "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + (DEBUG ? "debug" : "info"),
                    SmResumeProcess.class.getName(), role, jid, server.host(), Integer.toString(server.c2sPort()),
                    server.caFile().toString(), stateFile.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().remove(LibStrophe.PATH_ENV); // the property decides anyway; no doubt in the log
            pb.environment().put("SM_PASSWORD", owner.password());
            if (DEBUG) {
                pb.environment().put("SMP_DEBUG", "1");
            }
            Child c = new Child(role, pb.start());
            children.add(c);
            String lib = c.await(l -> l.startsWith("LIB "));
            assertTrue(lib.contains("0.14.0, project-built") && lib.contains("fixes sm-restore") == library.endsWith("0.14.0"
                    + LibStropheBuilds.FIXED), role + " loaded the wrong library: " + lib);
            return c;
        }

        @Override
        public void close() {
            children.forEach(c -> c.process.destroyForcibly());
            sender.close();
            watcher.close();
        }
    }

    /** A child process and the protocol lines it printed. */
    private static final class Child {
        final String role;
        final Process process;
        final Writer in;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<String> output = new CopyOnWriteArrayList<>();
        private final Thread reader;
        private int awaited;

        Child(String role, Process process) {
            this.role = role;
            this.process = process;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        output.add(l);
                        if (l.startsWith(SmResumeProcess.TAG)) {
                            lines.add(l.substring(SmResumeProcess.TAG.length()));
                        }
                    }
                } catch (IOException e) {
                    output.add("(reading failed: " + e + ")");
                }
            }, "child-" + role);
            reader.setDaemon(true);
            reader.start();
        }

        Child send(String command) throws IOException {
            in.write(command + "\n");
            in.flush();
            return this;
        }

        /** @return the first line not yet awaited that matches */
        String await(java.util.function.Predicate<String> p) throws InterruptedException {
            int[] from = {awaited};
            Eventually.await(() -> lines.stream().skip(from[0]).anyMatch(p) || !process.isAlive(), WAIT,
                    () -> role + ": nothing matching after " + lines + "\nits output:\n" + String.join("\n", output));
            for (int i = from[0]; i < lines.size(); i++) {
                if (p.test(lines.get(i))) {
                    awaited = i + 1;
                    return lines.get(i);
                }
            }
            throw new AssertionError(role + " exited (" + process.exitValue() + ") before the expected line: " + lines
                    + "\nits output:\n" + String.join("\n", output));
        }

        List<String> got() {
            return lines.stream().filter(l -> l.startsWith("GOT ")).map(l -> l.substring(4)).toList();
        }

        int exit() throws InterruptedException {
            assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), role + " did not exit: " + lines);
            reader.join(WAIT.toMillis()); // it has read the last lines
            return process.exitValue();
        }
    }
}
