package io.github.strophejna.examples;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.xep.version.SoftwareVersion;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** EchoBot: a user writes to the bot and gets the same text back, and asks the bot's software version. */
final class EchoBotScenario implements ExampleScenario {

    @Override
    public String example() {
        return "EchoBot";
    }

    @Override
    public void play(Stage stage) throws Exception {
        TestAccount bot = stage.server().createAccount("bot");
        TestAccount alice = stage.server().createAccount("alice");
        ExampleProcess echo = stage.start("EchoBot", bot);
        echo.await("echo bot online as " + bot.jid(), Stage.STEP);

        XmppClient user = stage.connected(alice, "phone");
        LinkedBlockingQueue<Message> replies = new LinkedBlockingQueue<>();
        user.onMessage(replies::add);
        stage.say(alice.jid() + " writes \"hello, echo bot\" to " + bot.jid());
        user.send(Message.builder().to(bot.jid()).type(Message.Type.CHAT).thread("t1").body("hello, echo bot").build());
        Message reply = replies.poll(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        Stage.check(reply != null, "no echo came back; the bot said:\n" + echo.output());
        stage.say(alice.jid() + " got back \"" + reply.body() + "\" from " + reply.from());
        Stage.check(reply.body().equals("hello, echo bot") && "t1".equals(reply.thread())
                && reply.from().bare().toString().equals(bot.jid()), "not the echo: " + reply.stanza().toXml());
        echo.await("echoed to " + alice.jid("phone") + ": hello, echo bot", Stage.STEP);

        SoftwareVersion.Version version = SoftwareVersion.of(user).query(reply.from()).get(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        stage.say("the bot says it runs " + version.name() + " " + version.version());
        Stage.check(version.name().equals("strophe-jna echo bot"), "version answer: " + version);
    }
}
