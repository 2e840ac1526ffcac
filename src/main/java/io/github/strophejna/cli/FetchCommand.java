package io.github.strophejna.cli;

import io.github.strophejna.internal.Json;
import io.github.strophejna.xep.offline.OfflineMessages;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strophe fetch}: collect what the server stored while offline, print it, exit. */
@Command(name = "fetch", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Collect offline messages (from, time stamp, body), then disconnect. They are not delivered again.")
final class FetchCommand extends Subcommand {

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "1",
            description = "how long the stream must stay quiet before leaving (default ${DEFAULT-VALUE})")
    double wait;

    @Option(names = "--json", description = "one JSON object per line")
    boolean json;

    @Override
    public Integer call() throws Exception {
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
