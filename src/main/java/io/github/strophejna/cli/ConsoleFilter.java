package io.github.strophejna.cli;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The console's {@code :filter}: which stanzas it prints, live and in {@code :history}. {@code :filter TEXT} shows
 * the stanzas whose XML holds TEXT (case ignored), {@code :filter /REGEX/} those in which the regular expression
 * finds a match, {@code :filter off} all of them again.
 *
 * @param spec the argument as typed, for {@code :filter} alone to show
 * @param test what a stanza's XML must satisfy
 */
record ConsoleFilter(String spec, Predicate<String> test) {

    /** Every stanza. */
    static final ConsoleFilter NONE = new ConsoleFilter("off", xml -> true);

    /**
     * @param argument what followed {@code :filter}
     * @return the filter it asks for
     * @throws IllegalArgumentException for a regular expression that does not compile, saying why
     */
    static ConsoleFilter parse(String argument) {
        String a = argument.strip();
        if (a.isEmpty() || a.equals("off")) {
            return NONE;
        }
        if (a.length() > 2 && a.startsWith("/") && a.endsWith("/")) {
            try {
                Pattern p = Pattern.compile(a.substring(1, a.length() - 1));
                return new ConsoleFilter(a, xml -> p.matcher(xml).find());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a regular expression: " + e.getDescription());
            }
        }
        String lower = a.toLowerCase(Locale.ROOT);
        return new ConsoleFilter(a, xml -> xml.toLowerCase(Locale.ROOT).contains(lower));
    }

    /** @return whether a stanza with this XML is shown */
    boolean shows(String xml) {
        return test.test(xml);
    }
}
