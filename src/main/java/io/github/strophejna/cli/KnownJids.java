package io.github.strophejna.cli;

import io.github.strophejna.client.StanzaHistory;
import io.github.strophejna.stanza.InvalidJidException;
import io.github.strophejna.stanza.Jid;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JIDs the console has seen, for completion: the from and to of every stanza in and out, and every {@code jid}
 * attribute in them (roster items, room occupants, disco items), each bare and full. Thread-safe: stanzas arrive
 * on the client's thread, completion asks on the reader's.
 */
final class KnownJids {

    /** A from, to or jid attribute's value; the XML in the history is the library's own, so a pattern reads it. */
    private static final Pattern ADDRESS = Pattern.compile("\\s(?:from|to|jid)=(?:\"([^\"]*)\"|'([^']*)')");
    private static final int MOST = 10_000;

    private final ConcurrentSkipListSet<String> jids = new ConcurrentSkipListSet<>();

    /** Learns the addresses in one stanza of the history. */
    void learn(StanzaHistory.Entry e) {
        Matcher m = ADDRESS.matcher(e.xml());
        while (m.find() && jids.size() < MOST) {
            String value = m.group(1) != null ? m.group(1) : m.group(2);
            try {
                Jid jid = Jid.parse(value.replace("&apos;", "'").replace("&quot;", "\"").replace("&amp;", "&"));
                jids.add(jid.toString());
                jids.add(jid.bare().toString());
            } catch (InvalidJidException ignored) {
                // not an address (a stanza from a misbehaving peer): nothing to offer
            }
        }
    }

    /** @param jid an address to offer, e.g. the session's own */
    void add(String jid) {
        jids.add(jid);
    }

    /** @return the known JIDs that start with the prefix, in order */
    List<String> startingWith(String prefix) {
        List<String> found = new ArrayList<>();
        for (String j : jids.tailSet(prefix)) {
            if (!j.startsWith(prefix)) {
                break;
            }
            found.add(j);
        }
        return found;
    }
}
