package io.github.strophejna.cli;

import java.io.IOException;

/** Where the console's entries come from: a terminal with line editing, or a pipe read line by line. */
interface ConsoleInput extends AutoCloseable {

    /**
     * @return the next entry: a {@code :} command, or raw XML (the lines of one element joined with newlines, or
     *     text that cannot become one), or blank; null at the end of input
     */
    String read() throws IOException;

    /** Prints a line of output (a stanza) where it does not mix with what is being typed. */
    void print(String line);

    /** Prints a message about the session (not sent, usage, saved) where the user sees it. */
    void note(String line);

    @Override
    void close();
}
