package io.github.strophejna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.StanzaHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's terminal input through real JLine, on a virtual terminal whose keyboard is a pipe. */
class TerminalConsoleInputTest {

    private PipedOutputStream keyboard;
    private ByteArrayOutputStream screen;
    private Terminal terminal;
    private KnownJids jids;

    @BeforeEach
    void virtualTerminal() throws IOException {
        keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard, 4096);
        screen = new ByteArrayOutputStream();
        terminal = TerminalBuilder.builder().system(false).streams(in, screen).type("xterm")
                .encoding(StandardCharsets.UTF_8).build();
        jids = new KnownJids();
        jids.learn(new StanzaHistory.Entry(Instant.now(), StanzaHistory.Direction.IN, "iq", "r1", null, null,
                "<iq type='result' id='r1'><query xmlns='jabber:iq:roster'><item jid='bob@example.org'/>"
                        + "<item jid='carol@example.org'/></query></iq>"));
        jids.learn(new StanzaHistory.Entry(Instant.now(), StanzaHistory.Direction.IN, "message", null,
                "alice@example.org/phone", "me@example.org/console", "<message from=\"alice@example.org/phone\""
                        + " to=\"me@example.org/console\"><body>hi</body></message>"));
    }

    @AfterEach
    void close() throws IOException {
        terminal.close();
    }

    private String type(TerminalConsoleInput input, String keys) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            return input.read();
        });
    }

    @Test
    void tabCompletesCommandsAndTheJidsSeenInRosterAndStanzas() {
        TerminalConsoleInput input = new TerminalConsoleInput(terminal, List.of(), new ConsoleCompletion(jids));
        assertEquals(":history ", type(input, ":hi\t\r"));
        assertEquals(":msg bob@example.org hello", type(input, ":msg bo\thello\r"));
        assertEquals(":msg alice@example.org/phone x", type(input, ":msg alice@example.org/\tx\r"));
        assertEquals("<message to='carol@example.org'/>", type(input, "<message to='car\t'/>\r"));
    }

    @Test
    void anElementTypedOverSeveralLinesIsOneEntryWhenItCloses() {
        TerminalConsoleInput input = new TerminalConsoleInput(terminal, List.of(), new ConsoleCompletion(jids));
        assertEquals("<message to='bob@example.org'>\n  <body>two <!-- or three --> lines</body>\n</message>",
                type(input, "<message to='bob@example.org'>\r  <body>two <!-- or three --> lines</body>\r</message>\r"));
        String screenText = screen.toString(StandardCharsets.UTF_8);
        assertTrue(screenText.contains(TerminalConsoleInput.CONTINUATION), "no continuation prompt: " + screenText);
        assertEquals("<message to='bob@example.org'><body>broken</bodyy></message>",
                type(input, "<message to='bob@example.org'><body>broken</bodyy></message>\r"),
                "XML that more lines cannot mend is an entry, for the console to refuse");
        assertEquals(":quit", type(input, ":quit\r"));
    }

    @Test
    void earlierRunsAreRecalledAndCtrlDEnds() {
        TerminalConsoleInput input = new TerminalConsoleInput(terminal, List.of("<presence/>", ":msg bob@example.org yo"),
                new ConsoleCompletion(jids));
        assertEquals(":msg bob@example.org yo", type(input, "\u0010\r")); // Ctrl-P: the previous entry
        assertEquals("<presence/>", type(input, "\u0010\u0010\r"));
        input.print("a stanza printed while typing");
        assertEquals(null, type(input, "\u0004"));
    }
}
