package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reading of libstrophe's log lines, one line at a time (the table of every version's real lines: LogSignalsTableTest). */
class LogSignalsTest {

    private final LogSignals signals = new LogSignals();

    static LogSignals.Line line(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new LogSignals.Line() {
            @Override
            public int length() {
                return b.length;
            }

            @Override
            public byte[] bytes(int from, int count) {
                return Arrays.copyOfRange(b, from, from + count);
            }
        };
    }

    @Test
    void everyElementReadGoesToTheReceiverWhileThereIsOne() {
        List<String> got = new ArrayList<>();
        signals.debug(line("RECV: <message id=\"0\"/>"));
        signals.receiveInto(got::add);
        signals.debug(line("RECV: <message to=\"a@b\" id=\"1\"><body>hi</body></message>"));
        signals.debug(line("SENT: <presence/>"));
        signals.debug(line("RECV: <iq type=\"result\" id=\"2\"/>"));
        signals.receiveInto(null);
        signals.debug(line("RECV: <message id=\"3\"/>"));
        assertEquals(List.of("<message to=\"a@b\" id=\"1\"><body>hi</body></message>", "<iq type=\"result\" id=\"2\"/>"), got,
                "only what was read while a receiver was set, in order; what was sent is not received");
    }

    @Test
    void theStreamHeaderAndItsEndAreNotElements() {
        List<String> got = new ArrayList<>();
        signals.receiveInto(got::add);
        signals.debug(line("RECV: <stream:stream xmlns=\"jabber:client\" id=\"x\">"));
        signals.debug(line("RECV: </stream:stream>"));
        assertEquals(List.of(), got);
    }

    @Test
    void aSaslFailureGivesItsCondition() {
        signals.debug(line("RECV: <failure xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><not-authorized/></failure>"));
        LogSignals.FailureNote n = signals.takeFailure();
        assertEquals(LogSignals.FailureNote.Kind.AUTHENTICATION, n.kind());
        assertEquals("not-authorized", n.detail());
        assertNull(signals.takeFailure());
    }

    @Test
    void streamManagementAnswersAreTold() {
        signals.debug(line("RECV: <enabled xmlns=\"urn:xmpp:sm:3\" id=\"abc\" resume=\"true\"/>"));
        assertEquals(LogSignals.SmNote.ENABLED, signals.takeSmNote());
        signals.debug(line("RECV: <resumed xmlns=\"urn:xmpp:sm:3\" h=\"4\" previd=\"abc\"/>"));
        assertEquals(LogSignals.SmNote.RESUMED, signals.takeSmNote());
        signals.debug(line("RECV: <failed xmlns=\"urn:xmpp:sm:3\"><item-not-found xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></failed>"));
        assertEquals(LogSignals.SmNote.FAILED, signals.takeSmNote());
        signals.debug(line("RECV: <enabled xmlns=\"urn:example:other\"/>"));
        assertNull(signals.takeSmNote(), "another namespace's <enabled/>");
    }

    @Test
    void connectErrorsParseErrorsAndTlsFailuresAreNoted() {
        signals.debug(line("connection failed, error 111"));
        assertEquals(new LogSignals.FailureNote(LogSignals.FailureNote.Kind.CONNECT, "111"), signals.takeFailure());
        signals.debug(line("parse error [<message><unclosed></message>]"));
        assertEquals(LogSignals.FailureNote.Kind.MALFORMED_XML, signals.takeFailure().kind());
        signals.error(line("TLS is not supported, but set as mandatory for this connection"));
        assertEquals(LogSignals.FailureNote.Kind.STARTTLS_MISSING, signals.takeFailure().kind());
        signals.debug(line("Couldn't start TLS! error -1 tls_error 1"));
        assertTrue(signals.takeTlsStartFailure());
        assertFalse(signals.takeTlsStartFailure());
    }

    @Test
    void libstrophe011NamesItsSocketInTheLog() {
        signals.debug(line("sock_connect() to 127.0.0.1:5222 returned 17"));
        assertEquals(17, signals.takeSocket());
        assertEquals(-1, signals.takeSocket());
    }

    @Test
    void aNewAttemptForgetsEveryNote() {
        signals.debug(line("connection failed, error 111"));
        signals.debug(line("Couldn't start TLS!"));
        signals.debug(line("RECV: <enabled xmlns=\"urn:xmpp:sm:3\"/>"));
        signals.clear();
        assertNull(signals.takeFailure());
        assertNull(signals.takeSmNote());
        assertFalse(signals.takeTlsStartFailure());
    }
}
