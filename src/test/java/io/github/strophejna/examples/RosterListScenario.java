package io.github.strophejna.examples;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.xep.roster.Roster;
import io.github.strophejna.xep.roster.RosterItem;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * RosterList: an account with a contact that accepted its subscription and is online lists her with her
 * name, group, subscription and presence; {@code --add} adds a second contact, listed offline.
 */
final class RosterListScenario implements ExampleScenario {

    @Override
    public String example() {
        return "RosterList";
    }

    @Override
    public void play(Stage stage) throws Exception {
        TestAccount owner = stage.server().createAccount("owner");
        TestAccount alice = stage.server().createAccount("alice");
        TestAccount bob = stage.server().createAccount("bob");

        XmppClient aliceClient = stage.client(alice, "home");
        Roster.of(aliceClient).onSubscriptionRequest(from -> Roster.of(aliceClient).approve(from));
        aliceClient.connect().get(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        Roster.of(aliceClient).setPresence(null, "at home", 0).get(Stage.STEP.toSeconds(), TimeUnit.SECONDS);

        XmppClient ownerClient = stage.connected(owner, "setup");
        Roster roster = Roster.of(ownerClient);
        CompletableFuture<RosterItem> approved = new CompletableFuture<>();
        roster.onPush(item -> {
            if (item.jid().toString().equals(alice.jid()) && item.subscription() == RosterItem.Subscription.TO) {
                approved.complete(item);
            }
        });
        roster.fetch().get(Stage.STEP.toSeconds(), TimeUnit.SECONDS); // pushes go to resources that asked for the roster
        roster.set(new RosterItem(Jid.parse(alice.jid()), "Alice", "Friends")).get(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        roster.subscribe(Jid.parse(alice.jid())).get(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        approved.get(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        ownerClient.disconnect().get(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        stage.say(owner.jid() + " has " + alice.jid() + " as \"Alice\" in Friends; she accepted and is online (\"at home\")");

        ExampleProcess list = stage.start("RosterList", owner, "--add", bob.jid(), "--name", "Bob", "--group", "Work");
        int status = list.awaitExit(Stage.STEP);
        Stage.check(status == 0, "exit " + status + ":\n" + list.output());
        list.await("^2 contacts$", Stage.STEP);
        list.await("^" + alice.jid() + "  name=Alice  groups=\\[Friends\\]  subscription=to  online \\(at home\\)$", Stage.STEP);
        list.await("^" + bob.jid() + "  name=Bob  groups=\\[Work\\]  subscription=none  offline$", Stage.STEP);
        stage.say("listed: Alice online with her status, Bob added and offline");
    }
}
