import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.xep.pubsub.PubSub;
import io.github.strophejna.xep.pubsub.PubSubService;
import java.util.concurrent.CountDownLatch;

/**
 * The seeds' Atom news ticker over Publish-Subscribe: prints each entry published to a node.
 * Run: java ... NewsTicker.java JID PUBSUB_SERVICE NODE (password in XMPP_PASSWORD).
 */
public final class NewsTicker {

    public static void main(String[] args) throws Exception {
        try (XmppClient client = XmppClient.builder().jid(args[0])
                .password(System.getenv("XMPP_PASSWORD").toCharArray()).build()) {
            PubSubService news = PubSub.of(client).service(Jid.parse(args[1]));
            news.onEvent((node, items) -> items.forEach(item -> {
                Stanza entry = item.payload();
                System.out.println(node + ": " + (entry == null ? "(retracted " + item.id() + ")" : entry.childText("title")));
            }));
            client.connect().get();
            client.send(Presence.builder().build()); // notifications go to available resources
            news.subscribe(args[2]).get();
            new CountDownLatch(1).await();
        }
    }
}
