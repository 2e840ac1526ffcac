package io.github.strophejna.cli;

import io.github.strophejna.client.Await;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.xep.ping.Ping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code strophe ping}: XEP-0199 round trips with a summary. */
final class PingCommand extends Subcommand {

    static final String DESCRIPTION = "Ping an entity (default: your server) and print each round trip and a summary.";

    @Override
    void declare(CommandSpec spec) {
        spec.description(DESCRIPTION);
        spec.option("--count", "N", "how many pings (default {default})").integer().defaultValue("4");
        spec.positional("JID", "whom to ping (default: the account's server)").optional();
    }

    @Override
    int run(ParsedArgs args) throws Exception {
        String target = args.string("JID");
        int count = args.integer("--count");
        try (XmppClient client = options.builder().build()) {
            Await.until(client.connect(), deadline(), "the login");
            Jid jid = target != null ? Jid.parse(target) : Jid.of(null, client.jid().domain(), null);
            Ping ping = Ping.of(client);
            List<Double> rtts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Duration d = Await.until(ping.ping(jid), deadline(), "the ping answer");
                double ms = d.toNanos() / 1e6;
                rtts.add(ms);
                System.out.printf("pong from %s: seq=%d time=%.3f ms%n", jid, i + 1, ms);
            }
            double min = rtts.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = rtts.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double avg = rtts.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            System.out.printf("%d pings, min/avg/max = %.3f/%.3f/%.3f ms%n", rtts.size(), min, avg, max);
            Await.until(client.disconnect(), deadline(), "the disconnect");
        }
        return ExitCodes.OK;
    }
}
