package io.github.strophejna.examples;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.xep.disco.DiscoInfo;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import io.github.strophejna.xep.ping.Ping;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Component: the example connects on the server's component port with the component secret; a user
 * discovers it (identity and features) and gets answers from two of its addresses.
 */
final class ComponentScenario implements ExampleScenario {

    @Override
    public String example() {
        return "Component";
    }

    @Override
    public void play(Stage stage) throws Exception {
        ProsodyServer server = stage.server();
        String domain = ProsodyServer.COMPONENT_DOMAIN;
        ExampleProcess component = stage.start("Component", server.componentSecret(), List.of("Component", "--jid", domain,
                "--host", server.host(), "--port", Integer.toString(server.componentPort())));
        component.await("^component " + domain + " online$", Stage.STEP);

        TestAccount alice = server.createAccount("alice");
        XmppClient user = stage.connected(alice, "pc");
        DiscoInfo info = ServiceDiscovery.of(user).info(Jid.parse(domain)).get(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        stage.say("disco#info of " + domain + ": " + info.identities() + ", ping " + (info.supports(Ping.NAMESPACE) ? "supported" : "missing"));
        Stage.check(info.identities().stream().anyMatch(i -> i.category().equals("component")
                && "strophe-jna example component".equals(i.name())) && info.supports(Ping.NAMESPACE), "disco#info: " + info);

        LinkedBlockingQueue<Message> answers = new LinkedBlockingQueue<>();
        user.onMessage(answers::add);
        user.send(Message.builder().to("upper@" + domain).type(Message.Type.CHAT).body("make me loud").build());
        Message loud = answers.poll(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        Stage.check(loud != null && loud.body().equals("MAKE ME LOUD") && loud.from().toString().equals("upper@" + domain),
                "upper@ answered " + loud);
        stage.say("upper@" + domain + " answered \"" + loud.body() + "\"");
        user.send(Message.builder().to("echo@" + domain).type(Message.Type.CHAT).body("same again").build());
        Message same = answers.poll(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        Stage.check(same != null && same.body().equals("same again") && same.from().toString().equals("echo@" + domain),
                "echo@ answered " + same);
        stage.say("echo@" + domain + " answered \"" + same.body() + "\"");
        component.await(alice.jid("pc") + " -> echo@" + domain + ": same again", Stage.STEP);
    }
}
