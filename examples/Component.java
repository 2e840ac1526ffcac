import io.github.strophejna.client.XmppClient;
import io.github.strophejna.client.XmppComponent;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.xep.disco.DiscoIdentity;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import io.github.strophejna.xep.ping.Ping;
import io.github.strophejna.xep.version.SoftwareVersion;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * An external component (XEP-0114): a service the server routes a whole domain to. It answers service
 * discovery (an identity and the features of what it answers: ping, software version) and messages sent
 * to any address in its domain: {@code upper@DOMAIN} answers in capitals, any other address echoes.
 * {@code --jid} is the component's domain and the password is the component secret from the server's
 * configuration; {@code --port} its component port (often 5347). Plaintext: run it on loopback or a
 * trusted network. Runs until stopped.
 *
 * <pre>scripts/example Component --jid echo.example.org --host 127.0.0.1 --port 5347   (secret in XMPP_PASSWORD)</pre>
 */
public final class Component {

    public static void main(String[] args) throws Exception {
        ExampleOptions options = ExampleOptions.parse(args, "Component --jid COMPONENT_DOMAIN --port PORT [--host HOST]");
        XmppComponent component = XmppComponent.create(options.value("jid"), options.password(),
                options.value("host", "127.0.0.1"), options.number("port", 5347));
        XmppClient service = component.client(); // the same client API: handlers, send, history
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            component.close();
            stopped.countDown();
        }));
        ServiceDiscovery.of(service).setIdentities(new DiscoIdentity("component", "generic", "strophe-jna example component"));
        Ping.of(service).respond(); // each responder adds its feature to disco#info and answers disco
        SoftwareVersion.of(service).respond(new SoftwareVersion.Version("strophe-jna example component", "1.0", null));
        service.onMessage(m -> {
            if (m.body() == null || m.type() == Message.Type.ERROR) {
                return;
            }
            boolean upper = "upper".equals(m.to().local());
            String answer = upper ? m.body().toUpperCase(Locale.ROOT) : m.body();
            // a component must say which of its addresses speaks: the one written to
            service.send(Message.builder().from(m.to()).to(m.from()).type(m.type()).body(answer).build());
            System.out.println(m.from() + " -> " + m.to() + ": " + m.body());
        });
        try {
            service.connect().get();
        } catch (Exception e) {
            ExampleOptions.exit(e);
        }
        System.out.println("component " + options.value("jid") + " online");
        stopped.await();
    }
}
