package io.github.strophejna.cli;

import io.github.strophejna.client.Await;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.xep.disco.DiscoIdentity;
import io.github.strophejna.xep.disco.DiscoInfo;
import io.github.strophejna.xep.disco.DiscoItem;
import io.github.strophejna.xep.disco.ServiceDiscovery;

/** {@code strophe disco JID}: an entity's identities, features and items. */
final class DiscoCommand extends Subcommand {

    static final String DESCRIPTION = "Print an entity's identities, features and items (XEP-0030).";

    @Override
    void declare(CommandSpec spec) {
        spec.description(DESCRIPTION);
        spec.positional("JID", "the entity, e.g. a server domain");
    }

    @Override
    int run(ParsedArgs args) throws Exception {
        Jid jid = Jid.parse(args.string("JID"));
        try (XmppClient client = options.builder().build()) {
            Await.until(client.connect(), deadline(), "the login");
            DiscoInfo info = Await.until(ServiceDiscovery.of(client).info(jid), deadline(), "disco#info");
            for (DiscoIdentity i : info.identities()) {
                System.out.println("identity " + i.category() + "/" + i.type() + (i.name() == null ? "" : " " + i.name()));
            }
            info.features().stream().sorted().forEach(f -> System.out.println("feature " + f));
            for (DiscoItem i : Await.until(ServiceDiscovery.of(client).items(jid), deadline(), "disco#items")) {
                System.out.println("item " + i.jid() + (i.node() == null ? "" : " node=" + i.node())
                        + (i.name() == null ? "" : " " + i.name()));
            }
            Await.until(client.disconnect(), deadline(), "the disconnect");
        }
        return ExitCodes.OK;
    }
}
