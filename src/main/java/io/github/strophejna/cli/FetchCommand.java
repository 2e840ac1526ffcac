package io.github.strophejna.cli;

import io.github.strophejna.internal.Json;
import io.github.strophejna.xep.offline.OfflineMessages;
import java.time.Duration;
import java.util.List;

/** {@code strophe fetch}: collect what the server stored while offline, print it, exit. */
final class FetchCommand extends Subcommand {

    static final String DESCRIPTION = "Collect offline messages (from, time stamp, body), then disconnect."
            + " They are not delivered again.";

    @Override
    void declare(CommandSpec spec) {
        spec.description(DESCRIPTION);
        spec.option("--wait", "SECONDS", "how long the stream must stay quiet before leaving (default {default})")
                .decimal().defaultValue("1");
        spec.flag("--json", "one JSON object per line");
    }

    @Override
    int run(ParsedArgs args) throws Exception {
        double wait = args.decimal("--wait");
        boolean json = args.flag("--json");
        List<OfflineMessages.Collected> got = OfflineMessages.collect(options.builder(),
                Duration.ofMillis((long) (wait * 1000)), options.timeout());
        for (OfflineMessages.Collected c : got) {
            String from = String.valueOf(c.message().from());
            String stamp = c.stamp() == null ? "" : c.stamp().toString();
            String body = c.message().body() == null ? "" : c.message().body();
            if (json) {
                System.out.println("{\"from\":" + Json.quote(from) + ",\"stamp\":" + Json.quote(stamp) + ",\"id\":"
                        + Json.quote(String.valueOf(c.message().id())) + ",\"body\":" + Json.quote(body) + "}");
            } else {
                System.out.println(from + "\t" + stamp + "\t" + body);
            }
        }
        return ExitCodes.OK;
    }
}
