package io.github.strophejna.examples;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.xep.muc.MultiUserChat;
import io.github.strophejna.xep.muc.Room;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** MucBot: the bot makes a room; a user who joins is greeted, and the bot answers her commands. */
final class MucBotScenario implements ExampleScenario {

    @Override
    public String example() {
        return "MucBot";
    }

    @Override
    public void play(Stage stage) throws Exception {
        TestAccount bot = stage.server().createAccount("roombot");
        TestAccount alice = stage.server().createAccount("alice");
        String roomJid = "lobby-" + Long.toHexString(System.nanoTime()) + "@" + ProsodyServer.MUC_DOMAIN;
        ExampleProcess muc = stage.start("MucBot", bot, "--room", roomJid, "--nick", "helper");
        muc.await("^joined " + roomJid + " as helper", Stage.STEP);

        XmppClient user = stage.connected(alice, "web");
        LinkedBlockingQueue<Message> said = new LinkedBlockingQueue<>();
        // listening before the join: the greeting may come before join() returns
        user.onMessage(m -> {
            if (m.type() == Message.Type.GROUPCHAT && m.from().toString().equals(roomJid + "/helper") && m.body() != null) {
                said.add(m);
            }
        });
        Room room = MultiUserChat.of(user).join(Jid.parse(roomJid), "alice", null).get(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        stage.say("alice joins " + roomJid);
        Message greeting = said.poll(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        Stage.check(greeting != null && greeting.body().startsWith("Welcome, alice!"),
                "no greeting: " + greeting + "\n" + muc.output());
        stage.say("the bot said: " + greeting.body());

        room.send("!echo hello room");
        Message echo = said.poll(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        Stage.check(echo != null && echo.body().equals("alice: hello room"), "!echo answer: " + echo);
        stage.say("alice said !echo hello room, the bot answered: " + echo.body());

        room.send("!who");
        Message who = said.poll(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        Stage.check(who != null && who.body().equals("alice: alice, helper"), "!who answer: " + who);
        stage.say("alice said !who, the bot answered: " + who.body());
        muc.await("alice asked !who", Stage.STEP);
    }
}
