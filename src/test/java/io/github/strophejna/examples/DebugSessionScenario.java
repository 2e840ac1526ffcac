package io.github.strophejna.examples;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.testing.TestAccount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * DebugSession: every stanza is printed with its time and direction (the login's, a message from a user,
 * one typed as raw XML on standard input); malformed input is refused; the password appears nowhere; the
 * history saved at the end holds both directions.
 */
final class DebugSessionScenario implements ExampleScenario {

    @Override
    public String example() {
        return "DebugSession";
    }

    @Override
    public void play(Stage stage) throws Exception {
        TestAccount dev = stage.server().createAccount("dev");
        TestAccount bob = stage.server().createAccount("bob");
        Path saved = stage.dir().resolve("session.jsonl");
        ExampleProcess session = stage.start("DebugSession", dev, "--save", saved.toString());
        String time = "^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ";
        session.await(time + "OUT -> presence", Stage.STEP);
        session.await(time + "IN  <- iq id=\\S+ from=localhost", Stage.STEP); // the server's disco#info answer

        XmppClient other = stage.connected(bob, "phone");
        LinkedBlockingQueue<Message> got = new LinkedBlockingQueue<>();
        other.onMessage(got::add);
        other.send(Message.builder().to(dev.jid()).type(Message.Type.CHAT).body("can you see this?").build());
        session.await(time + "IN  <- message id=\\S+ from=" + bob.jid("phone"), Stage.STEP);
        session.await("^    <message .*<body>can you see this\\?</body>", Stage.STEP);
        stage.say("bob's message shows up as it arrives");

        session.stdin().write(("<message to='" + bob.jid() + "' type='chat'><body>typed by hand</body></message>\n"
                + "<message><body>unclosed\n").getBytes(StandardCharsets.UTF_8));
        session.stdin().flush();
        Message typed = got.poll(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        Stage.check(typed != null && typed.body().equals("typed by hand"), "the typed XML did not arrive: " + typed);
        session.await(time + "OUT -> message( id=\\S+)? to=" + bob.jid(), Stage.STEP);
        session.await("^not sent, not well-formed XML", Stage.STEP);
        stage.say("XML typed on standard input went out; a malformed line was refused");

        session.stop();
        session.await("^history saved to " + saved, Stage.STEP);
        List<String> lines = Files.readAllLines(saved, StandardCharsets.UTF_8);
        Stage.check(lines.stream().anyMatch(l -> l.contains("\"direction\":\"in\"") && l.contains("can you see this?"))
                && lines.stream().anyMatch(l -> l.contains("\"direction\":\"out\"") && l.contains("typed by hand")),
                "the saved history lacks a direction:\n" + String.join("\n", lines));
        Stage.check(!session.output().contains(dev.password()) && lines.stream().noneMatch(l -> l.contains(dev.password())),
                "the password was printed or saved");
        stage.say("the history (" + lines.size() + " stanzas) was saved as JSON lines, with no password in it");
    }
}
