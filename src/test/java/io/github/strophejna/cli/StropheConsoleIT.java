package io.github.strophejna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strophe console} driven through a pipe, a line at a time, as a script drives it: multi-line XML, :filter
 * on the live printout and on :history, the history file, no colour codes off a terminal; and JLine loaded by
 * neither the one-shot commands nor the piped console.
 */
@WithProsody
class StropheConsoleIT {

    /** The console as a process, its stdin a pipe this test writes to, its output in files. */
    private static final class Console implements AutoCloseable {
        final Process process;
        final File out;
        final File err;
        final OutputStream stdin;

        Console(List<String> args, Map<String, String> env) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-jar", StropheCliIT.jar().toString()));
            cmd.addAll(args);
            out = File.createTempFile("console", ".out");
            err = File.createTempFile("console", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err);
            pb.environment().remove("NO_COLOR");
            pb.environment().put("TERM", "xterm-256color"); // colours would be welcome: only the pipe says no
            pb.environment().putAll(env);
            process = pb.start();
            stdin = process.getOutputStream();
        }

        void type(String lines) throws IOException {
            stdin.write(lines.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        String out() {
            return read(out);
        }

        String err() {
            return read(err);
        }

        private static String read(File f) {
            try {
                return Files.readString(f.toPath(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        void awaitErr(String text) throws InterruptedException {
            Eventually.await(() -> err().contains(text), "'" + text + "' on stderr: " + err());
        }

        void awaitOut(String text) throws InterruptedException {
            Eventually.await(() -> out().contains(text), "'" + text + "' on stdout: " + out());
        }

        @Override
        public void close() {
            process.destroyForcibly(); // a failed assertion must not leave the tool running
            out.delete();
            err.delete();
        }
    }

    @Test
    void aScriptedSessionFiltersWhatItPrintsAndKeepsAHistoryWithoutCredentials(ProsodyServer server, @TempDir Path state)
            throws Exception {
        TestAccount me = server.createAccount("console");
        TestAccount peer = server.createAccount("peer");
        List<Message> got = new CopyOnWriteArrayList<>();
        try (XmppClient p = StropheCliIT.listener(server, peer, got);
                Console c = new Console(List.of(StropheCliIT.args("console", StropheCliIT.common(server, me, "con"))),
                        Map.of("XMPP_PASSWORD", me.password(), "XDG_STATE_HOME", state.toString()))) {
            c.awaitErr("connected as");
            c.type(":filter typed\n");
            c.awaitErr("showing only stanzas matching typed");

            c.type("<message to='" + peer.jid() + "' type='chat'>\n  <body>typed over\n three lines</body>\n</message>\n");
            Eventually.await(() -> got.stream().anyMatch(m -> "typed over\n three lines".equals(m.body())), "the XML: " + got);
            c.awaitOut("typed over");
            c.type(":msg " + peer.jid() + " plain words\n");
            Eventually.await(() -> got.stream().anyMatch(m -> "plain words".equals(m.body())), "the :msg: " + got);
            c.type("<message to='" + peer.jid() + "'><body>form</body><x xmlns='jabber:x:data' type='submit'>"
                    + "<field var='password' type='text-private'><value>hunter2</value></field></x></message>\n");
            Eventually.await(() -> got.stream().anyMatch(m -> "form".equals(m.body())), "the form: " + got);
            assertFalse(c.out().contains("plain words") || c.out().contains("hunter2"), "filtered out live: " + c.out());

            c.type(":history\n");
            c.awaitOut(" >> <message");
            assertFalse(c.out().contains("plain words"), ":history as filtered: " + c.out());
            c.type(":filter off\n:history\n");
            c.awaitOut("plain words");
            c.type(":filter /(unclosed/\n");
            c.awaitErr("not a regular expression");
            c.type(":quit\n");
            assertTrue(c.process.waitFor(30, TimeUnit.SECONDS), "the console did not quit");
            assertEquals(0, c.process.exitValue(), c.err());
            assertFalse(c.out().contains("\u001b[") || c.err().contains("\u001b["), "colour codes off a terminal: " + c.out());

            Path file = state.resolve("strophe-jna").resolve("console_history");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String history = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(history.contains(":filter typed\n") && history.contains(":msg " + peer.jid() + " plain words\n")
                    && history.contains("<body>typed over\\n three lines</body>\\n</message>\n"), history);
            assertFalse(history.contains("hunter2") || history.contains("text-private"), "a credential kept: " + history);
        }
    }

    @Test
    void noJlineClassIsLoadedByTheOneShotCommandsNorThePipedConsole(ProsodyServer server) throws Exception {
        TestAccount me = server.createAccount("lean");
        for (String[] args : List.of(StropheCliIT.args("send", StropheCliIT.common(server, me, "s"), "--to", me.jid(), "hi"),
                StropheCliIT.args("console", StropheCliIT.common(server, me, "c")))) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-verbose:class", "-jar", StropheCliIT.jar().toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("XMPP_PASSWORD", me.password());
            pb.environment().put("XDG_STATE_HOME", Files.createTempDirectory("state").toString());
            Process p = pb.start();
            p.getOutputStream().write(":quit\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("io.github.strophejna.cli.StropheCli"), "no class loading shown: " + args[0]);
            assertFalse(out.contains("org.jline"), args[0] + " loaded JLine: " + out.lines()
                    .filter(l -> l.contains("org.jline")).findFirst().orElse(""));
        }
    }
}
