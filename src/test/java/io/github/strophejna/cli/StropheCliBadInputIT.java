package io.github.strophejna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bad text on the command line and on stdin, as a shell passes it: raw bytes in argv (bash's $'\xff' quoting),
 * under a UTF-8 locale and under none. Refused before anything connects: exit 2 and one line on stderr.
 */
@WithProsody
class StropheCliBadInputIT {

    /** Where the tool would connect: a socket that accepts nothing, so a connection attempt would show. */
    private static String[] unreachableServer(ServerSocket silent) {
        return new String[] {"--host", "127.0.0.1", "--port", Integer.toString(silent.getLocalPort())};
    }

    /**
     * Runs the tool through bash, so that the command line reaches it as bytes.
     *
     * @param locale the LANG to run under, or null for no locale at all (the C locale: CI's)
     * @param password its XMPP_PASSWORD
     * @param stdin bytes for its stdin, or null
     * @param shellArgs the arguments after the jar, in bash syntax
     */
    static StropheCliIT.Run runInShell(String locale, String password, byte[] stdin, String shellArgs)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "exec '" + java + "' --enable-native-access=ALL-UNNAMED -jar '" + StropheCliIT.jar() + "' "
                + shellArgs;
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command);
        pb.environment().keySet().removeIf(k -> k.equals("LANG") || k.equals("LANGUAGE") || k.startsWith("LC_"));
        if (locale != null) {
            pb.environment().put("LANG", locale);
        }
        pb.environment().put("XMPP_PASSWORD", password);
        File out = File.createTempFile("cli", ".out");
        File err = File.createTempFile("cli", ".err");
        Process p = pb.redirectOutput(out).redirectError(err).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin);
        }
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the tool did not exit");
        StropheCliIT.Run r = new StropheCliIT.Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
        out.delete();
        err.delete();
        return r;
    }

    private static StropheCliIT.Run refusal(String locale, byte[] stdin, String shellArgs) throws Exception {
        return runInShell(locale, "never-used", stdin, shellArgs);
    }

    private static void assertRefusedLocally(StropheCliIT.Run r, String expected, ServerSocket silent) throws Exception {
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), "one line on stderr: " + r.err());
        assertTrue(r.err().startsWith("strophe: ") && r.err().contains(expected), r.err());
        silent.setSoTimeout(100);
        assertThrows(SocketTimeoutException.class, silent::accept, "the tool connected to the server");
    }

    @Test
    void jidsWithBytesThatAreNotUtf8OrCharactersRfc7622ForbidsAreRefusedLocally() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String server = String.join(" ", unreachableServer(silent));
            for (String locale : new String[] {"C.UTF-8", null}) {
                assertRefusedLocally(refusal(locale, null, "send --jid cli@localhost " + server
                        + " --to $'\\xff\\xfe@localhost' hi"), "invalid JID", silent);
                assertRefusedLocally(refusal(locale, null, "send --jid $'\\xff\\xfe@localhost' " + server
                        + " --to a@localhost hi"), "U+FFFD, the replacement character", silent);
                assertRefusedLocally(refusal(locale, null, "send --jid cli@localhost " + server
                        + " --to $'ev\\xe2\\x80\\xaeil@localhost' hi"), "the invisible format character U+202E", silent);
                assertRefusedLocally(refusal(locale, null, "send --jid cli@localhost " + server
                        + " --to $'a\\x01b@localhost' hi"), "the control character U+0001", silent);
                assertRefusedLocally(refusal(locale, null, "send --jid cli@localhost " + server
                        + " --to 'a b@localhost' hi"), "a space", silent);
                assertRefusedLocally(refusal(locale, null, "ping --jid $'cli@local\\xc2\\xa0host' " + server),
                        "invalid JID", silent);
            }
        }
    }

    @Test
    void bodiesXmlCannotCarryAreUsageErrors() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String send = "send --jid cli@localhost " + String.join(" ", unreachableServer(silent)) + " --to a@localhost ";
            assertRefusedLocally(refusal("C.UTF-8", null, send + "$'bell\\x07'"),
                    "the message body holds U+0007, which XML does not allow", silent);
            assertRefusedLocally(refusal(null, null, send + "--subject $'a\\x1bb' hi"), "--subject holds U+001B",
                    silent);
            assertRefusedLocally(refusal("C.UTF-8", "a NUL\0byte\n".getBytes(StandardCharsets.UTF_8), send),
                    "the message body holds U+0000", silent);
            assertRefusedLocally(refusal("C.UTF-8", new byte[] {'o', 'k', ' ', (byte) 0xC3, '(', '\n'}, send + "-"),
                    "the message on stdin is not valid UTF-8 (byte 3 of 6, 0xC3)", silent);
            assertRefusedLocally(refusal("C.UTF-8", null, send + "--attr $'x=\\x02' hi"),
                    "value of attribute x holds U+0002", silent);
        }
    }

    @Test
    void nonAsciiArgumentsInUtf8WorkWithoutALocale(ProsodyServer server) throws Exception {
        TestAccount from = server.createAccount("utf8");
        TestAccount to = server.createAccount("reader");
        List<Message> got = new CopyOnWriteArrayList<>();
        try (XmppClient reader = StropheCliIT.listener(server, to, got)) {
            String args = "send --jid " + from.jid() + "/$'j\\xc3\\xbcrgen' --host " + server.host() + " --port "
                    + server.c2sPort() + " --cafile '" + server.caFile() + "' --to " + to.jid() + " $'gr\\xc3\\xbc\\xc3\\x9fe'";
            StropheCliIT.Run r = runInShell(null, from.password(), null, args);
            assertEquals(0, r.exit(), r.err());
            Eventually.await(() -> !got.isEmpty(), "the message");
            assertEquals("grüße", got.get(0).body());
            assertEquals("jürgen", got.get(0).from().resource());
        }
    }
}
