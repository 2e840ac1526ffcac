package io.github.strophejna.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The console's input from a pipe or file, for scripts: lines as UTF-8, no prompts, no echo; the lines of an XML
 * element are gathered until it is complete. Output goes to stdout, messages to stderr.
 */
final class PipedConsoleInput implements ConsoleInput {

    private final BufferedReader in;

    PipedConsoleInput(InputStream stdin) {
        this.in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    }

    @Override
    public String read() throws IOException {
        StringBuilder xml = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (xml.length() == 0 && (line.startsWith(":") || line.isBlank())) {
                return line;
            }
            xml.append(line).append('\n');
            if (!XmlEntry.awaitsMore(xml.toString())) {
                return xml.toString();
            }
        }
        if (xml.length() > 0) {
            note("not sent (incomplete XML at end of input): " + xml.toString().trim());
        }
        return null;
    }

    @Override
    public void print(String line) {
        System.out.println(line);
        System.out.flush();
    }

    @Override
    public void note(String line) {
        System.err.println(line);
    }

    @Override
    public void close() {
        // stdin stays open: it is the process's
    }
}
