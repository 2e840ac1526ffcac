package io.github.strophejna.cli;

import java.io.IOException;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The console's input on a terminal, through JLine: line editing, the history of earlier runs (Up, Ctrl-R),
 * Tab completion of commands and known JIDs, and an XML element over several lines with a continuation prompt.
 * Stanzas that arrive while a line is typed are printed above it. Only this class and {@link ConsoleLineParser}
 * use JLine, and only the console loads them: the other commands never load a JLine class.
 */
final class TerminalConsoleInput implements ConsoleInput {

    static final String PROMPT = "strophe> ";
    static final String CONTINUATION = "     ..> ";

    private final Terminal terminal;
    private final LineReader reader;

    /**
     * @param terminal the terminal to read from and print to
     * @param history earlier entries, oldest first (Up recalls them)
     * @param completion what Tab offers
     */
    TerminalConsoleInput(Terminal terminal, List<String> history, ConsoleCompletion completion) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("strophe")
                .parser(new ConsoleLineParser())
                .completer((r, line, candidates) -> {
                    boolean whole = ConsoleCompletion.endsWord(line.line());
                    for (String c : completion.candidates(line.line(), line.wordIndex(), line.word())) {
                        candidates.add(new Candidate(c, c, null, null, null, null, whole));
                    }
                })
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is XML (<!-- -->), not history
                .option(LineReader.Option.INSERT_TAB, false)
                .build();
        for (String entry : history) {
            reader.getHistory().add(entry);
        }
    }

    /**
     * @return the console's input on the process's own terminal
     * @throws IOException when no terminal can be had (the console then reads stdin as a pipe)
     */
    static ConsoleInput onSystemTerminal(List<String> history, ConsoleCompletion completion) throws IOException {
        Terminal t = TerminalBuilder.builder().system(true).providers("exec").dumb(false).name("strophe").build();
        return new TerminalConsoleInput(t, history, completion);
    }

    @Override
    public String read() {
        try {
            return reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
            return ""; // Ctrl-C drops what was typed; Ctrl-D (or :quit) ends the session
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public void print(String line) {
        reader.printAbove(line);
    }

    @Override
    public void note(String line) {
        reader.printAbove(line);
    }

    @Override
    public void close() {
        try {
            terminal.close();
        } catch (IOException e) {
            // the terminal's settings are restored as far as they can be; nothing to add
        }
    }
}
