package io.github.strophejna.cli;

import io.github.strophejna.client.Await;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.xep.roster.Roster;
import io.github.strophejna.xep.roster.RosterItem;

/** {@code strophe roster}: the contact list. */
final class RosterCommand extends Subcommand {

    static final String DESCRIPTION = "Print the roster: JID, subscription, name, groups.";

    @Override
    void declare(CommandSpec spec) {
        spec.description(DESCRIPTION);
    }

    @Override
    int run(ParsedArgs args) throws Exception {
        try (XmppClient client = options.builder().build()) {
            Await.until(client.connect(), deadline(), "the login");
            for (RosterItem i : Await.until(Roster.of(client).fetch(), deadline(), "the roster")) {
                System.out.println(i.jid() + "\t" + i.subscription().name().toLowerCase(java.util.Locale.ROOT)
                        + (i.pendingOut() ? "+ask" : "") + "\t" + (i.name() == null ? "" : i.name()) + "\t" + String.join(",", i.groups()));
            }
            Await.until(client.disconnect(), deadline(), "the disconnect");
        }
        return ExitCodes.OK;
    }
}
