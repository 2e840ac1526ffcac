package io.github.strophejna.cli;

import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaParseException;

/** Raw XML typed into the console over several lines: whether what was typed so far awaits more lines. */
final class XmlEntry {

    private XmlEntry() {
    }

    /**
     * @param text the lines typed so far, joined with newlines
     * @return true when it is XML that ends before its element does (an open tag, element, comment or attribute
     *     value): more lines may complete it. False for a whole element, for text that is wrong before its end
     *     (more lines cannot mend it), for a {@code :} command and for blank text.
     */
    static boolean awaitsMore(String text) {
        String typed = text.strip();
        if (typed.isEmpty() || typed.startsWith(":")) {
            return false;
        }
        try {
            Stanza.parse(typed);
            return false;
        } catch (StanzaParseException e) {
            return e.offset() >= typed.length() || e.getMessage().contains("unterminated");
        }
    }
}
