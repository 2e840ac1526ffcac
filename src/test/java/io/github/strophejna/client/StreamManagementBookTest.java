package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The client's Stream Management bookkeeping, without a server. */
class StreamManagementBookTest {

    private final StreamManagementBook book = new StreamManagementBook();

    private String ack() {
        return new String(book.ack(), StandardCharsets.UTF_8);
    }

    @Test
    void countsHandledStanzasOnlyWhileASessionIsOn() {
        book.handledStanza("message");
        book.answered(LogSignals.SmNote.ENABLED);
        book.handledStanza("message");
        book.handledStanza("presence");
        book.handledStanza("iq");
        book.handledStanza("features");
        assertEquals("<a xmlns='urn:xmpp:sm:3' h='3'/>", ack());
    }

    @Test
    void aResumedSessionGoesOnCountingAndANewOneStartsAtZero() {
        book.answered(LogSignals.SmNote.ENABLED);
        book.handledStanza("message");
        book.newAttempt();
        book.answered(LogSignals.SmNote.RESUMED);
        assertTrue(book.resumed());
        book.handledStanza("message");
        assertEquals("<a xmlns='urn:xmpp:sm:3' h='2'/>", ack());
        book.newAttempt();
        book.answered(LogSignals.SmNote.ENABLED);
        assertFalse(book.resumed());
        assertEquals("<a xmlns='urn:xmpp:sm:3' h='0'/>", ack());
    }

    @Test
    void theProbeOf012TellsAResumeFromANewSession() {
        book.element("enabled");
        assertTrue(book.enabled());
        boolean had = book.probing();
        book.probed(had, true); // no <enabled/> this time: libstrophe resumed
        assertTrue(book.enabled());
        assertTrue(book.resumed());
        had = book.probing();
        book.element("failed");
        book.probed(had, true);
        assertFalse(book.enabled(), "<failed/> came back");
    }

    @Test
    void aRestoredStateIsResumedOnceAndAnEndedSessionIsGone() {
        book.restored(7);
        assertTrue(book.takeResumePending());
        assertFalse(book.takeResumePending());
        book.newAttempt();
        book.answered(LogSignals.SmNote.RESUMED);
        book.handledStanza("message");
        assertTrue(ack().endsWith("h='8'/>"), "a resumed session counts on from the restored state's count: " + ack());
        book.ended();
        assertFalse(book.enabled());
    }

    @Test
    void iqsCountAsHandledStanzas() {
        book.answered(LogSignals.SmNote.ENABLED);
        for (long i = 0; i < 3; i++) {
            book.handledStanza("iq");
        }
        assertTrue(ack().endsWith("h='3'/>"));
    }
}
