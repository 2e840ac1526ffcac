import io.github.strophejna.client.XmppClient;
import io.github.strophejna.client.XmppErrorException;
import io.github.strophejna.scripting.ExitStatus;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.xep.pubsub.PubSub;
import io.github.strophejna.xep.pubsub.PubSubItem;
import io.github.strophejna.xep.pubsub.PubSubService;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The boot camp's Atom news ticker over Publish-Subscribe (XEP-0060), both ends of it.
 * {@code publish} reads an Atom feed (a file or an http(s) URL) every {@code --every}, and publishes each
 * entry it has not published before as an item of the node (item id: the entry's id; payload: the Atom
 * entry), creating the node when it does not exist. {@code subscribe} subscribes to the node, prints the
 * items it holds, then prints each new one as the service announces it. Both run until stopped.
 *
 * <pre>
 * scripts/example PubSubTicker publish --jid news@example.org --service pubsub.example.org --node news --feed https://example.org/atom.xml
 * scripts/example PubSubTicker subscribe --jid alice@example.org --service pubsub.example.org --node news
 * </pre>
 */
public final class PubSubTicker {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    public static void main(String[] args) throws Exception {
        String usage = "PubSubTicker publish|subscribe --jid JID --service PUBSUB_JID --node NODE "
                + "[--feed FILE_OR_URL] [--every 60s]";
        ExampleOptions options = ExampleOptions.parse(args, usage);
        String mode = options.positional().isEmpty() ? "" : options.positional().get(0);
        if (options.value("service") == null || options.value("node") == null
                || !(mode.equals("subscribe") || mode.equals("publish") && options.value("feed") != null)) {
            ExampleOptions.usageError(usage, "say publish (with --feed) or subscribe, and give --service and --node");
        }
        XmppClient client = options.client().build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            stopped.countDown();
        }));
        PubSubService service = PubSub.of(client).service(options.jid(options.value("service")));
        String node = options.value("node");
        try {
            client.connect().get();
            if (mode.equals("subscribe")) {
                subscribe(client, service, node);
                stopped.await();
            } else {
                publish(service, node, options.value("feed"), options.duration("every", Duration.ofSeconds(60)), stopped);
            }
        } catch (Exception e) {
            ExampleOptions.exit(e);
        }
    }

    private static void subscribe(XmppClient client, PubSubService service, String node) throws Exception {
        // event handlers run on the client's loop thread
        service.onEvent((from, items) -> items.forEach(item -> System.out.println("new: " + describe(item))));
        client.send(Presence.builder().build()); // the service sends notifications to available resources
        service.subscribe(node).get();
        List<PubSubItem> held = service.items(node).get();
        System.out.println("subscribed to " + node + ", " + held.size() + " items held");
        held.forEach(item -> System.out.println("held: " + describe(item)));
    }

    private static String describe(PubSubItem item) {
        Stanza entry = item.payload();
        if (entry == null) {
            return "(retracted " + item.id() + ")";
        }
        Stanza link = entry.child("link");
        return entry.childText("title") + (link == null ? "" : " <" + link.attribute("href") + ">");
    }

    private static void publish(PubSubService service, String node, String feed, Duration every, CountDownLatch stopped)
            throws Exception {
        Set<String> published = new HashSet<>();
        try {
            service.items(node).get().forEach(item -> published.add(item.id()));
        } catch (Exception e) {
            if (!(ExitStatus.unwrap(e) instanceof XmppErrorException x && x.error().condition().equals("item-not-found"))) {
                throw e;
            }
            service.createNode(node).get();
            System.out.println("created node " + node);
        }
        System.out.println("publishing " + feed + " to " + node + " every " + every.toSeconds() + " s; "
                + published.size() + " items there already");
        do {
            try {
                for (Stanza entry : readFeed(feed)) {
                    String id = entry.childText("id");
                    if (id != null && published.add(id)) {
                        service.publish(node, id, entry).get();
                        System.out.println("published " + entry.childText("title"));
                    }
                }
            } catch (Exception e) {
                if (!(e instanceof java.io.IOException || e instanceof org.xml.sax.SAXException)) {
                    throw e;
                }
                System.out.println("cannot read the feed (" + e.getMessage() + "), trying again later");
            }
        } while (!stopped.await(every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /** @return the feed's entries, oldest first, each as an Atom entry element with what a ticker shows */
    private static List<Stanza> readFeed(String feed) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true); // no entities from a feed
        Element root;
        try (InputStream in = feed.startsWith("http://") || feed.startsWith("https://")
                ? URI.create(feed).toURL().openStream() : Files.newInputStream(Path.of(feed))) {
            root = f.newDocumentBuilder().parse(in).getDocumentElement();
        }
        List<Stanza> entries = new ArrayList<>();
        NodeList list = root.getElementsByTagNameNS(ATOM, "entry");
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            Stanza.Builder entry = Stanza.builder("entry").namespace(ATOM);
            for (String name : List.of("id", "title", "updated", "summary")) {
                String text = text(e, name);
                if (text != null) {
                    entry.textChild(name, text);
                }
            }
            NodeList links = e.getElementsByTagNameNS(ATOM, "link");
            if (links.getLength() > 0) {
                entry.child(Stanza.builder("link").attribute("href", ((Element) links.item(0)).getAttribute("href")).build());
            }
            entries.add(entry.build());
        }
        // feeds list the newest first; publish in the order things happened
        java.util.Collections.reverse(entries);
        return entries;
    }

    private static String text(Element parent, String name) {
        NodeList l = parent.getElementsByTagNameNS(ATOM, name);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().strip();
    }
}
