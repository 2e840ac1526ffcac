package io.github.strophejna.examples;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where a scenario plays: the server, the example processes it started and the second party's clients
 * (all closed with the stage), a scratch directory, and the narration shown to whoever watches.
 */
final class Stage implements AutoCloseable {

    /** How long any one step may take before the scenario fails. */
    static final Duration STEP = Duration.ofSeconds(30);

    private final ProsodyServer server;
    private final Consumer<String> narration;
    private final Path dir;
    private final List<ExampleProcess> processes = new ArrayList<>();
    private final List<XmppClient> clients = new ArrayList<>();

    Stage(ProsodyServer server, Consumer<String> narration) throws IOException {
        this.server = server;
        this.narration = narration;
        this.dir = Files.createTempDirectory("strophe-jna-example-");
    }

    ProsodyServer server() {
        return server;
    }

    /** @return a scratch directory, deleted with the stage */
    Path dir() {
        return dir;
    }

    /** Tells the watcher what the second party does or sees. */
    void say(String what) {
        narration.accept("* " + what);
    }

    /**
     * Starts an example as the account, with the connection options a user gives for a server of their own.
     *
     * @param example the example's name
     * @param account whose JID and password it uses
     * @param more the example's own arguments
     */
    ExampleProcess start(String example, TestAccount account, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of(example, "--jid", account.jid(), "--host", server.host(),
                "--port", Integer.toString(server.c2sPort()), "--cafile", server.caFile().toString()));
        args.addAll(List.of(more));
        return start(example, account.password(), args);
    }

    /**
     * Starts {@code scripts/example} with exactly these arguments.
     *
     * @param label how its output is marked
     * @param password its XMPP_PASSWORD
     * @param args the example's name and every argument
     */
    ExampleProcess start(String label, String password, List<String> args) throws IOException {
        say("runs: scripts/example " + String.join(" ", args) + "   (password in XMPP_PASSWORD)");
        ExampleProcess p = ExampleProcess.start(label, Map.of("XMPP_PASSWORD", password), narration, args);
        processes.add(p);
        return p;
    }

    /** @return the second party: a client of the account (not connected), closed with the stage */
    XmppClient client(TestAccount account, String resource) {
        XmppClient c = server.clientBuilder(account, resource).build();
        clients.add(c);
        return c;
    }

    /** @return the same client, connected and available (messages to the bare JID reach it, as a user's client) */
    XmppClient connected(TestAccount account, String resource) throws Exception {
        XmppClient c = client(account, resource);
        c.connect().get(STEP.toSeconds(), TimeUnit.SECONDS);
        c.send(Presence.builder().build()).get(STEP.toSeconds(), TimeUnit.SECONDS);
        return c;
    }

    /** Fails the scenario with the message when the condition is false. */
    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (XmppClient c : clients) {
            c.close();
        }
        for (ExampleProcess p : processes) {
            try {
                p.close();
            } catch (Exception | AssertionError e) {
                if (first == null) {
                    first = new Exception(e.getMessage(), e);
                }
            }
        }
        ProsodyServer.deleteTree(dir);
        if (first != null) {
            throw first;
        }
    }
}
