package io.github.strophejna.examples;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.testing.TestAccount;
import java.util.concurrent.TimeUnit;

/**
 * FetchOffline: two messages sent to an account nobody is logged in to are stored by the server; the
 * example collects both with their delay stamps, and a second run finds none.
 */
final class FetchOfflineScenario implements ExampleScenario {

    @Override
    public String example() {
        return "FetchOffline";
    }

    @Override
    public void play(Stage stage) throws Exception {
        TestAccount bob = stage.server().createAccount("bob");
        TestAccount alice = stage.server().createAccount("alice");
        XmppClient writer = stage.connected(alice, "laptop");
        stage.say(alice.jid() + " writes twice to " + bob.jid() + ", who is offline");
        writer.send(Message.builder().to(bob.jid()).type(Message.Type.CHAT).body("first, while you were away").build());
        writer.send(Message.builder().to(bob.jid()).type(Message.Type.CHAT).body("second one").build());
        writer.disconnect().get(Stage.STEP.toSeconds(), TimeUnit.SECONDS); // the disconnect waits for the server to have them

        ExampleProcess fetch = stage.start("FetchOffline", bob);
        int status = fetch.awaitExit(Stage.STEP);
        Stage.check(status == 0, "exit " + status + ":\n" + fetch.output());
        fetch.await("^\\d{4}-\\d\\d-\\d\\dT[^ ]+Z " + alice.jid("laptop") + ": first, while you were away$", Stage.STEP);
        fetch.await("^\\d{4}-\\d\\d-\\d\\dT[^ ]+Z " + alice.jid("laptop") + ": second one$", Stage.STEP);
        fetch.await("^2 messages$", Stage.STEP);
        stage.say(bob.jid() + " collected both, each with the time it was sent");

        ExampleProcess again = stage.start("FetchOffline", bob);
        status = again.awaitExit(Stage.STEP);
        Stage.check(status == 0, "second run: exit " + status + ":\n" + again.output());
        again.await("^0 messages$", Stage.STEP);
        stage.say("a second run finds nothing: collected messages are not delivered again");
    }
}
