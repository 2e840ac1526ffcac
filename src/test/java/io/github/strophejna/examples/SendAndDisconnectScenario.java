package io.github.strophejna.examples;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.testing.TestAccount;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * SendAndDisconnect: a script sends a message (from its arguments, then from standard input) and exits 0
 * once the server has it; an unknown recipient gives status 1 and a wrong password status 3.
 */
final class SendAndDisconnectScenario implements ExampleScenario {

    @Override
    public String example() {
        return "SendAndDisconnect";
    }

    @Override
    public void play(Stage stage) throws Exception {
        TestAccount sender = stage.server().createAccount("script");
        TestAccount alice = stage.server().createAccount("alice");
        XmppClient reader = stage.connected(alice, "desk");
        LinkedBlockingQueue<Message> got = new LinkedBlockingQueue<>();
        reader.onMessage(got::add);

        ExampleProcess send = stage.start("SendAndDisconnect", sender, "--to", alice.jid(), "backup", "finished");
        int status = send.awaitExit(Stage.STEP);
        Stage.check(status == 0, "exit status " + status + ", not 0:\n" + send.output());
        send.await("sent to " + alice.jid(), Stage.STEP);
        Message m = got.poll(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        Stage.check(m != null && "backup finished".equals(m.body()), "alice did not get it: " + m);
        stage.say(alice.jid() + " got \"" + m.body() + "\" from " + m.from() + "; the script exited 0");

        ExampleProcess piped = stage.start("SendAndDisconnect", sender, "--to", alice.jid());
        piped.stdin().write("disk 91% full\nsee the log\n".getBytes(StandardCharsets.UTF_8));
        piped.stdin().close();
        status = piped.awaitExit(Stage.STEP);
        m = got.poll(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        Stage.check(status == 0 && m != null && "disk 91% full\nsee the log".equals(m.body()),
                "the body from standard input: status " + status + ", got " + m + "\n" + piped.output());
        stage.say(alice.jid() + " got the two lines piped in; exit 0");

        String nobody = "nobody-" + System.nanoTime() + "@" + alice.domain();
        ExampleProcess unknown = stage.start("SendAndDisconnect", sender, "--to", nobody, "anyone there?");
        status = unknown.awaitExit(Stage.STEP);
        Stage.check(status == 1, "to an unknown account: exit " + status + ", not 1:\n" + unknown.output());
        stage.say("to " + nobody + " (no such account) the script exited 1: " + unknown.output().lines().reduce((a, b) -> b).orElse(""));

        ExampleProcess wrong = stage.start("SendAndDisconnect", "not-" + sender.password(),
                List.of("SendAndDisconnect", "--jid", sender.jid(), "--host", stage.server().host(),
                        "--port", Integer.toString(stage.server().c2sPort()), "--cafile", stage.server().caFile().toString(),
                        "--to", alice.jid(), "never sent"));
        status = wrong.awaitExit(Stage.STEP);
        Stage.check(status == 3, "with a wrong password: exit " + status + ", not 3:\n" + wrong.output());
        stage.say("with a wrong password the script exited 3");
        Stage.check(got.poll(1, TimeUnit.SECONDS) == null, "something else reached alice: " + got);
    }
}
