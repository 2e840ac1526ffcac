package io.github.strophejna.cli;

import io.github.strophejna.client.Await;
import io.github.strophejna.client.StanzaHistory;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code strophe listen}: print incoming stanzas until interrupted or N were received. */
final class ListenCommand extends Subcommand {

    static final String DESCRIPTION = "Print incoming stanzas until interrupted (or --count). --echo answers chat"
            + " messages with their body.";

    @Override
    void declare(CommandSpec spec) {
        spec.description(DESCRIPTION);
        spec.flag("--json", "one JSON object per line");
        spec.flag("--echo", "answer each chat message with its body (the echo bot)");
        spec.option("--count", "N", "stop after this many stanzas (0: never)").integer().defaultValue("0");
    }

    @Override
    int run(ParsedArgs args) throws Exception {
        boolean json = args.flag("--json");
        boolean echo = args.flag("--echo");
        int count = args.integer("--count");
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger seen = new AtomicInteger();
        try (XmppClient client = options.builder().build()) {
            io.github.strophejna.xep.ping.Ping.of(client).respond(); // a listener answers pings: others can see it is there
            if (echo) {
                client.onMessage(m -> {
                    if (m.type() == Message.Type.CHAT && m.body() != null && m.from() != null) {
                        client.send(Message.builder().to(m.from()).body(m.body()).build());
                    }
                });
            }
            io.github.strophejna.client.Session session = Await.until(client.connect(), deadline(), "the login");
            // from here on: what others send (not the login's own answers, nor our presence coming back)
            client.history().addListener(e -> {
                if (e.direction() != StanzaHistory.Direction.IN || !counts(e, session)) {
                    return;
                }
                System.out.println(json ? e.toJson() : describe(e));
                System.out.flush();
                if (count > 0 && seen.incrementAndGet() >= count) {
                    done.countDown();
                }
            });
            client.send(Presence.builder().build());
            System.err.println("listening as " + client.jid() + (count > 0 ? " for " + count + " stanzas" : "") + "; Ctrl-C stops");
            done.await();
            Await.until(client.disconnect(), deadline() , "the disconnect");
        }
        return ExitCodes.OK;
    }

    private static boolean counts(StanzaHistory.Entry e, io.github.strophejna.client.Session session) {
        if (session.jid().toString().equals(e.from())) {
            return false; // our own presence, reflected
        }
        return e.kind().equals("message") || e.kind().equals("presence")
                || (e.kind().equals("iq") && (e.xml().contains("type=\"get\"") || e.xml().contains("type=\"set\"")));
    }
}
