package io.github.strophejna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real -cli jar, run as a separate process against the test Prosody. */
@WithProsody
class StropheCliIT {

    record Run(int exit, String out, String err) {}

    static Path jar() throws Exception {
        try (var s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("strophe-jna-.*-cli\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/strophe-jna-*-cli.jar: run mvn package first"));
        }
    }

    static Run run(String stdin, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("XMPP_PASSWORD");
        pb.environment().putAll(env);
        File out = File.createTempFile("cli", ".out");
        File err = File.createTempFile("cli", ".err");
        pb.redirectOutput(out).redirectError(err);
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the tool did not exit");
        Run r = new Run(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
        out.delete();
        err.delete();
        return r;
    }

    static String[] common(ProsodyServer server, TestAccount a, String resource, String... more) {
        List<String> l = new ArrayList<>(List.of("--jid", a.jid(resource), "--host", server.host(),
                "--port", Integer.toString(server.c2sPort()), "--cafile", server.caFile().toString()));
        l.addAll(List.of(more));
        return l.toArray(new String[0]);
    }

    static String[] args(String sub, String[] common, String... rest) {
        List<String> l = new ArrayList<>();
        l.add(sub);
        l.addAll(List.of(common));
        l.addAll(List.of(rest));
        return l.toArray(new String[0]);
    }

    static XmppClient listener(ProsodyServer server, TestAccount a, List<Message> got) throws Exception {
        XmppClient c = XmppClient.builder().jid(a.jid("l")).password(a.password().toCharArray()).host(server.host())
                .port(server.c2sPort()).caFile(server.caFile()).build();
        c.onMessage(got::add);
        c.connect().get(20, TimeUnit.SECONDS);
        c.send(Presence.builder().build());
        return c;
    }

    @Test
    void sendFromArgumentAndStdinToSeveralRecipients(ProsodyServer server) throws Exception {
        TestAccount from = server.createAccount("cli");
        TestAccount r1 = server.createAccount("r1");
        TestAccount r2 = server.createAccount("r2");
        List<Message> got1 = new CopyOnWriteArrayList<>();
        List<Message> got2 = new CopyOnWriteArrayList<>();
        try (XmppClient l1 = listener(server, r1, got1); XmppClient l2 = listener(server, r2, got2)) {
            Run a = run(null, Map.of("XMPP_PASSWORD", from.password()), args("send", common(server, from, "c"),
                    "--to", r1.jid(), "--to", r2.jid(), "--subject", "S", "--attr", "x-trace=42", "--id", "cli", "héllo ✓"));
            assertEquals(0, a.exit(), a.err());
            Run b = run("from stdin\nsecond line\n", Map.of("MY_PW", from.password()),
                    args("send", common(server, from, "c", "--password-env", "MY_PW"), "--to", r1.jid(), "-"));
            assertEquals(0, b.exit(), b.err());
            Run verbose = run(null, Map.of("XMPP_PASSWORD", from.password()), args("send", common(server, from, "c"),
                    "--to", r2.jid(), "--verbose", "loud"));
            assertEquals(0, verbose.exit(), verbose.err());
            assertTrue(verbose.err().contains("SENT: <auth") && verbose.err().contains("[redacted]"), verbose.err());
            assertTrue(!verbose.err().contains(from.password()), "the password is in the --verbose output");
            Eventually.await(() -> got1.size() == 2 && got2.size() == 2, "the messages: " + got1 + got2);
            assertEquals("héllo ✓", got1.get(0).body());
            assertEquals("S", got1.get(0).subject());
            assertEquals("42", got1.get(0).stanza().attribute("x-trace"));
            assertEquals("cli-1", got1.get(0).id());
            assertEquals("cli-2", got2.get(0).id());
            assertEquals("from stdin\nsecond line", got1.get(1).body());
        }
    }

    @Test
    void fetchGetsOfflineMessagesOnce(ProsodyServer server, @TempDir Path dir) throws Exception {
        TestAccount from = server.createAccount("early");
        TestAccount to = server.createAccount("late");
        Path pw = dir.resolve("pw");
        Files.writeString(pw, from.password() + "\n");
        for (int i = 0; i < 3; i++) {
            Run s = run(null, Map.of(), args("send", common(server, from, "c", "--password-file", pw.toString()),
                    "--to", to.jid(), "offline " + i));
            assertEquals(0, s.exit(), s.err());
        }
        Map<String, String> env = Map.of("XMPP_PASSWORD", to.password());
        Run first = run(null, env, args("fetch", common(server, to, "f"), "--json", "--wait", "0.3"));
        assertEquals(0, first.exit(), first.err());
        List<String> lines = first.out().lines().toList();
        assertEquals(3, lines.size(), first.out());
        assertTrue(lines.get(0).contains("\"body\":\"offline 0\"") && lines.get(0).contains("\"stamp\":\"20"), lines.get(0));
        Run second = run(null, env, args("fetch", common(server, to, "f"), "--wait", "0.3"));
        assertEquals(0, second.exit(), second.err());
        assertEquals("", second.out());
    }

    @Test
    void listenEchoesAndPingAndConsoleWithPipedInput(ProsodyServer server) throws Exception {
        TestAccount bot = server.createAccount("echo");
        TestAccount user = server.createAccount("user");
        List<Message> got = new CopyOnWriteArrayList<>();
        try (XmppClient u = listener(server, user, got)) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-jar", jar().toString()));
            cmd.addAll(List.of(args("listen", common(server, bot, "bot"), "--echo", "--count", "1", "--json")));
            File out = File.createTempFile("listen", ".out");
            File err = File.createTempFile("listen", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err);
            pb.environment().put("XMPP_PASSWORD", bot.password());
            Process listen = pb.start();
            try {
                Eventually.await(() -> {
                    try {
                        return Files.readString(err.toPath()).contains("listening as");
                    } catch (java.io.IOException e) {
                        return false;
                    }
                }, "the listening bot to be online");
                u.send(Message.builder().to(bot.jid("bot")).body("say it back").build());
                Eventually.await(() -> got.stream().anyMatch(m -> "say it back".equals(m.body())), "the echo");
                assertTrue(listen.waitFor(30, TimeUnit.SECONDS), "listen did not stop after --count 1");
                assertEquals(0, listen.exitValue(), Files.readString(err.toPath()));
                String printed = Files.readString(out.toPath()).trim();
                assertTrue(printed.startsWith("{\"time\"") && printed.contains("say it back"), printed);
            } finally {
                listen.destroyForcibly(); // a failed assertion must not leave the tool running
            }
            out.delete();
            err.delete();
        }
        Run ping = run(null, Map.of("XMPP_PASSWORD", user.password()), args("ping", common(server, user, "p"), "--count", "2"));
        assertEquals(0, ping.exit(), ping.err());
        assertTrue(ping.out().contains("2 pings, min/avg/max"), ping.out());

        List<Message> viaConsole = new CopyOnWriteArrayList<>();
        try (XmppClient u = listener(server, user, viaConsole)) {
            String script = "<message to='" + user.jid() + "' type='chat'>\n  <body>typed XML</body>\n</message>\n"
                    + "<message to='broken'\n:msg " + user.jid() + " short command\n:quit\n";
            Run console = run(script, Map.of("XMPP_PASSWORD", bot.password()), args("console", common(server, bot, "con")));
            assertEquals(0, console.exit(), console.err());
            assertTrue(console.out().contains(">>> <message"), console.out());
            Eventually.await(() -> viaConsole.size() >= 1, "the console's messages: " + viaConsole);
            assertTrue(viaConsole.stream().anyMatch(m -> "typed XML".equals(m.body())), viaConsole.toString());
        }
    }

    @Test
    void failuresHaveTheirExitCodesAndOneClearLine(ProsodyServer server, @TempDir Path dir) throws Exception {
        TestAccount a = server.createAccount("oops");
        Map<String, String> pw = Map.of("XMPP_PASSWORD", a.password());
        Run badJid = run(null, pw, "send", "--jid", "not a jid@", "--to", "x@y", "hi");
        assertEquals(ExitCodes.USAGE, badJid.exit(), badJid.err());
        assertTrue(badJid.err().startsWith("strophe: invalid JID"), badJid.err());

        Run noPassword = run(null, Map.of(), args("send", common(server, a, "c"), "--to", a.jid(), "hi"));
        assertEquals(ExitCodes.USAGE, noPassword.exit(), noPassword.err());
        assertTrue(noPassword.err().contains("no password"), noPassword.err());

        Run wrong = run(null, Map.of("XMPP_PASSWORD", "wrong"), args("send", common(server, a, "c"), "--to", a.jid(), "hi"));
        assertEquals(ExitCodes.AUTHENTICATION, wrong.exit(), wrong.err());
        assertTrue(wrong.err().startsWith("strophe: authentication failed"), wrong.err());
        assertTrue(!wrong.err().contains("\tat "), "a stack trace without --verbose: " + wrong.err());

        int closed = ProsodyServer.freePort();
        Run refused = run(null, pw, "send", "--jid", a.jid("c"), "--host", server.host(), "--port", Integer.toString(closed),
                "--cafile", server.caFile().toString(), "--to", a.jid(), "hi");
        assertEquals(ExitCodes.CONNECTION, refused.exit(), refused.err());
        assertTrue(refused.err().contains("refused"), refused.err());

        Run untrusted = run(null, pw, "send", "--jid", a.jid("c"), "--host", server.host(),
                "--port", Integer.toString(server.c2sPort()), "--to", a.jid(), "hi");
        assertEquals(ExitCodes.CONNECTION, untrusted.exit(), untrusted.err());
        assertTrue(untrusted.err().contains("not trusted"), untrusted.err());

        Run bounce = run(null, pw, args("send", common(server, a, "c"), "--to", "nobody@nowhere.invalid", "hi"));
        assertEquals(ExitCodes.DELIVERY, bounce.exit(), bounce.err());

        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Run slow = run(null, pw, "send", "--jid", a.jid("c"), "--host", server.host(), "--port",
                    Integer.toString(silent.getLocalPort()), "--timeout", "2", "--to", a.jid(), "hi");
            assertEquals(ExitCodes.TIMEOUT, slow.exit(), slow.err());
            assertTrue(slow.err().startsWith("strophe: timed out"), slow.err());
        }

        Run version = run(null, Map.of(), "--version");
        assertEquals(0, version.exit(), version.err());
        assertTrue(version.out().matches("(?s)strophe-jna \\d+\\.\\d+.*\nlibstrophe (\\d+\\.\\d+\\.(\\d+|x)|master \\w+|master)"
                + ", (stock|project-built|project-built with fixes [a-z0-9 -]+) \\(version from .*\\), from /.*"), version.out());

        Path config = dir.resolve("strophe.properties");
        Files.writeString(config, "jid=" + a.jid("cfg") + "\nhost=" + server.host() + "\nport=" + server.c2sPort()
                + "\ncafile=" + server.caFile() + "\n");
        Run configured = run(null, pw, "ping", "--config", config.toString(), "--count", "1");
        assertEquals(0, configured.exit(), configured.err());

        Run noLib = run(null, pw, "send", "--jid", a.jid("c"), "--to", a.jid(), "hi");
        assertTrue(noLib.exit() != ExitCodes.LIBSTROPHE, "libstrophe is installed here");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Dstrophe.library.path=/nonexistent", "-jar", jar().toString(), "send", "--jid", a.jid("c"), "--to", a.jid(), "hi"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("XMPP_PASSWORD", a.password());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitCodes.LIBSTROPHE, p.exitValue(), out);
        assertTrue(out.contains("libstrophe was not found"), out);
    }

    @Test
    void discoRosterAndMuc(ProsodyServer server) throws Exception {
        TestAccount me = server.createAccount("looker");
        TestAccount friend = server.createAccount("friend");
        Map<String, String> pw = Map.of("XMPP_PASSWORD", me.password());
        Run disco = run(null, pw, args("disco", common(server, me, "d"), ProsodyServer.DOMAIN));
        assertEquals(0, disco.exit(), disco.err());
        assertTrue(disco.out().contains("identity server/im") && disco.out().contains("feature urn:xmpp:ping")
                && disco.out().contains("item " + ProsodyServer.MUC_DOMAIN), disco.out());

        try (XmppClient c = XmppClient.builder().jid(me.jid("setup")).password(me.password().toCharArray()).host(server.host())
                .port(server.c2sPort()).caFile(server.caFile()).build()) {
            c.connect().get(20, TimeUnit.SECONDS);
            io.github.strophejna.xep.roster.Roster.of(c).set(new io.github.strophejna.xep.roster.RosterItem(
                    Jid.parse(friend.jid()), "Best Friend", "Pals")).get(10, TimeUnit.SECONDS);
        }
        Run roster = run(null, pw, args("roster", common(server, me, "r")));
        assertEquals(0, roster.exit(), roster.err());
        assertEquals(friend.jid() + "\tnone\tBest Friend\tPals", roster.out().trim());

        Jid room = Jid.parse("cli-room-" + System.nanoTime() + "@" + ProsodyServer.MUC_DOMAIN);
        List<String> heard = new CopyOnWriteArrayList<>();
        try (XmppClient owner = XmppClient.builder().jid(friend.jid("o")).password(friend.password().toCharArray())
                .host(server.host()).port(server.c2sPort()).caFile(server.caFile()).build()) {
            owner.connect().get(20, TimeUnit.SECONDS);
            io.github.strophejna.xep.muc.Room r = io.github.strophejna.xep.muc.MultiUserChat.of(owner).create(room, "Owner")
                    .get(10, TimeUnit.SECONDS);
            r.onMessage(m -> heard.add(m.from().resource() + ": " + m.body()));
            Run muc = run(null, pw, args("muc", common(server, me, "m"), room.toString(), "--nick", "cli", "hello room"));
            assertEquals(0, muc.exit(), muc.err());
            Eventually.await(() -> heard.contains("cli: hello room"), "the room message: " + heard);
        }
    }
}
