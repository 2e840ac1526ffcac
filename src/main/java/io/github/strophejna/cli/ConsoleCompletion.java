package io.github.strophejna.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What Tab offers in the console: the {@code :} commands for a line's first word, and known JIDs for the others
 * (a command's JID, or an address inside typed XML, where quotes and '=' end words too).
 */
final class ConsoleCompletion {

    /** The console's commands, in the order {@code :help} lists them. */
    static final List<String> COMMANDS = List.of(":msg", ":iq", ":history", ":filter", ":save", ":help", ":quit");

    private final KnownJids jids;

    ConsoleCompletion(KnownJids jids) {
        this.jids = jids;
    }

    /**
     * @param line the whole entry so far
     * @param wordIndex which word the cursor is in (0 for the first)
     * @param word that word, up to the cursor
     * @return the completions, in order
     */
    List<String> candidates(String line, int wordIndex, String word) {
        if (line.stripLeading().startsWith(":") && wordIndex == 0) {
            List<String> found = new ArrayList<>();
            for (String c : COMMANDS) {
                if (c.startsWith(word)) {
                    found.add(c);
                }
            }
            return found;
        }
        return jids.startingWith(word);
    }

    /** @return whether a completed word is whole (a space may follow): commands and a command's arguments */
    static boolean endsWord(String line) {
        return line.stripLeading().startsWith(":");
    }

    /** @return whether the character separates words: blanks, and in XML quotes, '=', '&lt;', '&gt;' */
    static boolean separates(char c) {
        return Character.isWhitespace(c) || c == '\'' || c == '"' || c == '=' || c == '<' || c == '>';
    }
}
