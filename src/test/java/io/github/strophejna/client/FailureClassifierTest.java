package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What each way a connection ends is reported as, without a server. */
class FailureClassifierTest {

    private static final String TARGET = "localhost:5222";
    private final FailureClassifier classifier = new FailureClassifier();

    private FailureClassifier.Verdict classify(int error, StreamErrorException se, LogSignals.FailureNote note, int fd) {
        return classifier.classify(error, se, note, fd, TARGET, "alice@localhost");
    }

    private static LogSignals.FailureNote note(LogSignals.FailureNote.Kind kind, String detail) {
        return new LogSignals.FailureNote(kind, detail);
    }

    @Test
    void aCleanCloseHasNoCause() {
        FailureClassifier.Verdict v = classify(0, null, null, -1);
        assertNull(v.cause());
        assertFalse(v.endsStreamManagement());
    }

    @Test
    void aSaslFailureIsAnAuthenticationExceptionWithItsCondition() {
        AuthenticationException e = assertInstanceOf(AuthenticationException.class,
                classify(0, null, note(LogSignals.FailureNote.Kind.AUTHENTICATION, "not-authorized"), -1).cause());
        assertEquals("not-authorized", e.condition());
        classifier.newAttempt();
        classifier.saslFailed("account-disabled");
        assertEquals("account-disabled", ((AuthenticationException) classify(0, null, null, -1).cause()).condition());
    }

    @Test
    void ourOwnAbortOutranksEverythingLibstropheSays() {
        Throwable mine = new ConnectionException("no answer to a ping");
        classifier.aborted(mine);
        classifier.aborted(new ConnectionException("second"));
        assertSame(mine, classify(104, null, note(LogSignals.FailureNote.Kind.MALFORMED_XML, "x"), -1).cause());
        classifier.newAttempt();
        assertInstanceOf(ConnectionException.class, classify(104, null, null, -1).cause());
    }

    @Test
    void aRejectedCertificateIsATlsExceptionCarryingIt() {
        CertificateInfo cert = new CertificateInfo("pem", "CN=evil", "CN=evil", List.of("evil.example"), "a", "b", "ff", "self-signed");
        classifier.certificateRejected(cert);
        assertTrue(classifier.certificateWasRejected());
        TlsException e = assertInstanceOf(TlsException.class, classify(0, null, null, -1).cause());
        assertSame(cert, e.certificate());
    }

    @Test
    void aStreamErrorOrMalformedXmlEndsTheStreamManagementSession() {
        StreamErrorException se = new StreamErrorException("conflict", null);
        FailureClassifier.Verdict v = classify(0, se, null, -1);
        assertSame(se, v.cause());
        assertTrue(v.endsStreamManagement());
        v = classify(0, null, note(LogSignals.FailureNote.Kind.MALFORMED_XML, "malformed XML"), -1);
        assertInstanceOf(ConnectionException.class, v.cause());
        assertTrue(v.endsStreamManagement());
    }

    @Test
    void missingStartTlsIsATlsExceptionSayingNoPasswordWasSent() {
        TlsException e = assertInstanceOf(TlsException.class,
                classify(0, null, note(LogSignals.FailureNote.Kind.STARTTLS_MISSING, "no STARTTLS offered"), -1).cause());
        assertTrue(e.getMessage().contains("no password was sent"), e.getMessage());
    }

    @Test
    void socketErrorsNameTheErrnoFromTheEventOrTheLog() {
        assertEquals("connection refused (" + TARGET + ")", classify(111, null, null, -1).cause().getMessage());
        assertEquals("connection refused (" + TARGET + ")",
                classify(-1, null, note(LogSignals.FailureNote.Kind.CONNECT, "111"), -1).cause().getMessage(), "0.14's -1");
        assertEquals("connection failed (error -1) (" + TARGET + ")", classify(-1, null, null, -1).cause().getMessage());
        assertTrue(classify(0, null, null, 1500).cause().getMessage().contains("descriptor 1500"));
    }
}
