package io.github.strophejna.examples;

import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * PubSubTicker: the publisher reads an Atom feed file and publishes its two entries; a subscriber (the same
 * example, {@code subscribe}) lists them; a third entry added to the feed is published at the next read and
 * reaches the subscriber live, and nothing is published twice.
 */
final class PubSubTickerScenario implements ExampleScenario {

    @Override
    public String example() {
        return "PubSubTicker";
    }

    @Override
    public void play(Stage stage) throws Exception {
        TestAccount publisher = stage.server().admin(); // Prosody lets admins create nodes on its pubsub service
        TestAccount alice = stage.server().createAccount("reader");
        String node = "news-" + Long.toHexString(System.nanoTime());
        Path feed = stage.dir().resolve("news.atom");
        writeFeed(feed, List.of("Ticker started", "Second story"));
        stage.say("the feed " + feed + " holds two entries");

        ExampleProcess pub = stage.start("PubSubTicker", publisher, "publish", "--service", ProsodyServer.PUBSUB_DOMAIN,
                "--node", node, "--feed", feed.toString(), "--every", "1s");
        pub.await("^created node " + node + "$", Stage.STEP);
        pub.awaitCount("^published ", 2, Stage.STEP);

        ExampleProcess sub = stage.start("PubSubTicker", alice, "subscribe", "--service", ProsodyServer.PUBSUB_DOMAIN,
                "--node", node);
        sub.await("^subscribed to " + node + ", 2 items held$", Stage.STEP);
        sub.await("^held: Ticker started <https://example.org/news/1>$", Stage.STEP);
        sub.await("^held: Second story <https://example.org/news/2>$", Stage.STEP);

        writeFeed(feed, List.of("Ticker started", "Second story", "Breaking: third story"));
        stage.say("a third entry is added to the feed");
        pub.await("^published Breaking: third story$", Stage.STEP);
        sub.await("^new: Breaking: third story <https://example.org/news/3>$", Stage.STEP);
        stage.say("the subscriber printed it as it was published");
        Thread.sleep(1500); // one more read of the unchanged feed
        Stage.check(pub.output().lines().filter(l -> l.startsWith("published "))
                .count() == 3,
                "an entry was published twice:\n" + pub.output());
    }

    /** Writes an Atom feed, newest entry first as feeds do; entry n has id urn:example:news:n. */
    private static void writeFeed(Path file, List<String> titles) throws Exception {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Example news</title><id>urn:example:news</id>"
                + "<updated>2026-11-30T00:00:00Z</updated>\n");
        for (int i = titles.size(); i >= 1; i--) {
            xml.append("<entry><id>urn:example:news:").append(i).append("</id><title>").append(titles.get(i - 1))
                    .append("</title><updated>2026-11-30T00:0").append(i).append(":00Z</updated>")
                    .append("<link href=\"https://example.org/news/").append(i).append("\"/>")
                    .append("<summary>story ").append(i).append("</summary></entry>\n");
        }
        xml.append("</feed>\n");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, xml, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE); // never half a feed
    }
}
