package io.github.strophejna.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.client.XmppComponent;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.testing.Eventually;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import io.github.strophejna.xep.disco.DiscoInfo;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import io.github.strophejna.xep.ping.Ping;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An external component (XEP-0114) on the test server's component port, echoing messages and answering disco. */
@WithProsody
class ComponentIT {

    @Test
    void aComponentEchoesMessagesForItsWholeDomain(ProsodyServer server) throws Exception {
        TestAccount user = server.createAccount("user");
        try (XmppComponent component = XmppComponent.create(ProsodyServer.COMPONENT_DOMAIN,
                server.componentSecret().toCharArray(), server.host(), server.componentPort());
             XmppClient c = server.clientBuilder(user, "u").build()) {
            XmppClient gw = component.client();
            Ping.of(gw).respond();
            gw.onMessage(m -> gw.send(Message.builder().to(m.from()).from(m.to()).body("echo: " + m.body()).build()));
            assertEquals(Jid.parse(ProsodyServer.COMPONENT_DOMAIN), gw.connect().get(20, TimeUnit.SECONDS).jid().bare());

            List<String> replies = new CopyOnWriteArrayList<>();
            c.onMessage(m -> replies.add(m.from() + " " + m.body()));
            c.connect().get(20, TimeUnit.SECONDS);
            c.send(Message.builder().to("anyone@" + ProsodyServer.COMPONENT_DOMAIN).body("hi").build());
            Eventually.await(() -> !replies.isEmpty(), "the echo");
            assertEquals("anyone@" + ProsodyServer.COMPONENT_DOMAIN + " echo: hi", replies.get(0));

            DiscoInfo info = ServiceDiscovery.of(c).info(Jid.parse(ProsodyServer.COMPONENT_DOMAIN)).get(10, TimeUnit.SECONDS);
            assertTrue(info.supports(Ping.NAMESPACE), info.toString());
            Iq pong = c.sendIq(Iq.get(Jid.parse(ProsodyServer.COMPONENT_DOMAIN), Stanza.builder("ping").namespace(Ping.NAMESPACE).build()))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(Iq.Type.RESULT, pong.type());
            gw.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWrongSecretIsRefused(ProsodyServer server) throws Exception {
        try (XmppComponent component = XmppComponent.create(ProsodyServer.COMPONENT_DOMAIN, "wrong".toCharArray(),
                server.host(), server.componentPort())) {
            Throwable t = io.github.strophejna.client.XmppClientTestAccess.failure(component.client().connect());
            assertTrue(t instanceof io.github.strophejna.client.XmppException, t.toString());
        }
    }
}
