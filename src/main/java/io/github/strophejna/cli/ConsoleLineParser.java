package io.github.strophejna.cli;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;

/**
 * How JLine reads the console's entries: Enter inside an unfinished XML element goes on to a continuation line
 * instead of accepting the entry, and words end at blanks, quotes, '=', '&lt;' and '&gt;' so that Tab completes a
 * JID inside {@code to='...'} too. Completions are inserted as they are (no shell escaping).
 */
final class ConsoleLineParser implements Parser {

    @Override
    public CompletingParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
        if (context == ParseContext.ACCEPT_LINE && XmlEntry.awaitsMore(line)) {
            throw new EOFError(-1, cursor, "the element is not complete", "xml");
        }
        return new Words(line, cursor);
    }

    /** A line cut into words at {@link ConsoleCompletion#separates} characters. */
    private static final class Words implements CompletingParsedLine {
        private final String line;
        private final int cursor;
        private final List<String> words = new ArrayList<>();
        private int wordIndex;
        private int wordStart;

        Words(String line, int cursor) {
            this.line = line;
            this.cursor = cursor;
            int start = -1;
            wordIndex = -1;
            for (int i = 0; i <= line.length(); i++) {
                boolean end = i == line.length() || ConsoleCompletion.separates(line.charAt(i));
                if (!end && start < 0) {
                    start = i;
                }
                if (end && start >= 0) {
                    if (cursor >= start && cursor <= i) {
                        wordIndex = words.size();
                        wordStart = start;
                    }
                    words.add(line.substring(start, i));
                    start = -1;
                }
            }
            if (wordIndex < 0) { // the cursor after a separator: an empty word starts there
                wordIndex = countWordsBefore(cursor);
                wordStart = cursor;
                words.add(wordIndex, "");
            }
        }

        private int countWordsBefore(int at) {
            int n = 0;
            boolean inWord = false;
            for (int i = 0; i < at; i++) {
                boolean sep = ConsoleCompletion.separates(line.charAt(i));
                if (!sep && !inWord) {
                    n++;
                }
                inWord = !sep;
            }
            return n;
        }

        @Override
        public String word() {
            return words.get(wordIndex);
        }

        @Override
        public int wordCursor() {
            return cursor - wordStart;
        }

        @Override
        public int wordIndex() {
            return wordIndex;
        }

        @Override
        public List<String> words() {
            return words;
        }

        @Override
        public String line() {
            return line;
        }

        @Override
        public int cursor() {
            return cursor;
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor();
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
