import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.xep.roster.Roster;
import io.github.strophejna.xep.roster.RosterItem;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

/**
 * Prints the account's contact list: each contact's address, name, groups, presence subscription and
 * whether it is online now (the presences that arrive within {@code --wait} of going online). With
 * {@code --add JID} (and {@code --name}, {@code --group}) it first adds or changes a contact.
 *
 * <pre>scripts/example RosterList --jid alice@example.org</pre>
 */
public final class RosterList {

    public static void main(String[] args) throws Exception {
        ExampleOptions options = ExampleOptions.parse(args,
                "RosterList --jid JID [--wait 2s] [--add JID [--name NAME] [--group GROUP ...]]");
        try (XmppClient client = options.client().build()) {
            Roster roster = Roster.of(client); // keeps the roster and contacts' presences from here on
            client.connect().get();
            if (options.value("add") != null) {
                roster.set(new RosterItem(options.jid(options.value("add")), options.value("name"),
                        options.values("group").toArray(new String[0]))).get();
            }
            List<RosterItem> items = roster.fetch().get();
            // our first available presence makes the server send the presence of every contact we see
            roster.setPresence(null, null, 0).get();
            Thread.sleep(options.duration("wait", Duration.ofSeconds(2)).toMillis());
            System.out.println(items.size() + (items.size() == 1 ? " contact" : " contacts"));
            for (RosterItem item : items) {
                System.out.println(item.jid() + "  name=" + (item.name() == null ? "-" : item.name())
                        + "  groups=" + new TreeSet<>(item.groups()) + "  subscription=" + item.subscription().name().toLowerCase()
                        + (item.pendingOut() ? " (asked)" : "") + "  " + presence(roster.presence(item.jid())));
            }
            client.disconnect().get();
        } catch (Exception e) {
            ExampleOptions.exit(e);
        }
    }

    private static String presence(Presence p) {
        if (p == null) {
            return "offline";
        }
        String show = p.show() == null ? "online" : p.show().name().toLowerCase();
        return p.status() == null ? show : show + " (" + p.status() + ")";
    }
}
