package io.github.strophejna.cli;

import io.github.strophejna.client.StanzaHistory;
import io.github.strophejna.stanza.Stanza;
import java.util.List;
import java.util.function.Consumer;

/**
 * How the console shows stanzas: each with its time and direction ({@code >>>} out, {@code <<<} in), pretty and
 * coloured by direction where that was asked for (a terminal), and only those its {@link ConsoleFilter} lets through,
 * live and in {@code :history}. Lines go to a sink that the console sets once it reads from a terminal (so that they
 * appear above what is being typed). Thread-safe: live stanzas come from the client's thread.
 */
final class StanzaPrinter {

    private static final String IN = "\u001b[32m";
    private static final String OUT = "\u001b[36m";
    private static final String RESET = "\u001b[0m";

    private final boolean pretty;
    private final boolean colours;
    private volatile ConsoleFilter filter = ConsoleFilter.NONE;
    private Consumer<String> sink = StanzaPrinter::toStdout;

    /**
     * @param pretty whether to indent the XML (on a terminal)
     * @param colours whether to colour the heads by direction (see {@link Terminals#coloursWanted})
     */
    StanzaPrinter(boolean pretty, boolean colours) {
        this.pretty = pretty;
        this.colours = colours;
    }

    /** @param newSink where lines go from now on ({@link #toStdout} again before a terminal closes) */
    synchronized void sendTo(Consumer<String> newSink) {
        this.sink = newSink;
    }

    static void toStdout(String line) {
        System.out.println(line);
        System.out.flush();
    }

    void filter(ConsoleFilter f) {
        this.filter = f;
    }

    ConsoleFilter filter() {
        return filter;
    }

    /** Prints a stanza as it goes out or comes in, if the filter shows it. */
    synchronized void live(StanzaHistory.Entry e) {
        if (!filter.shows(e.xml())) {
            return;
        }
        boolean in = e.direction() == StanzaHistory.Direction.IN;
        String head = e.time() + (in ? " <<< " : " >>> ");
        String body = e.xml();
        if (pretty) {
            try {
                body = Stanza.parse(e.xml()).toPrettyXml();
            } catch (RuntimeException ex) {
                // not one element (a stream feature, say): shown as it came
            }
        }
        sink.accept(colours ? (in ? IN : OUT) + head + RESET + body : head + body);
    }

    /** Prints the recorded stanzas the filter shows, one line each, for {@code :history}. */
    synchronized void history(List<StanzaHistory.Entry> entries) {
        for (StanzaHistory.Entry e : entries) {
            if (filter.shows(e.xml())) {
                sink.accept(Subcommand.describe(e));
            }
        }
    }
}
