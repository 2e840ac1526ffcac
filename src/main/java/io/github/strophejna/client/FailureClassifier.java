package io.github.strophejna.client;

/**
 * Why an attempt or a session ended, as the typed exception the application gets: from what the client saw
 * itself (its own abort, a SASL failure element, a certificate it rejected) and from what libstrophe reported
 * (the socket error, the server's stream error, its log's notes). One per connection; what it collected is
 * forgotten at each new attempt. Pure Java: no server or library needed to test it. Loop thread.
 */
final class FailureClassifier {

    /** The verdict: the cause (null for a clean close) and whether it ends the Stream Management session. */
    record Verdict(Throwable cause, boolean endsStreamManagement) {}

    private Throwable abortCause;
    private String saslFailure;
    private CertificateInfo rejectedCertificate;

    /** Forgets the last attempt's facts. */
    void newAttempt() {
        abortCause = null;
        saslFailure = null;
        rejectedCertificate = null;
    }

    /** We end the connection ourselves for this reason; it outranks what libstrophe then reports. First one wins. */
    void aborted(Throwable cause) {
        if (abortCause == null) {
            abortCause = cause;
        }
    }

    /** The server refused the login with this SASL condition. */
    void saslFailed(String condition) {
        saslFailure = condition;
    }

    /** A server certificate was rejected. */
    void certificateRejected(CertificateInfo certificate) {
        rejectedCertificate = certificate;
    }

    boolean certificateWasRejected() {
        return rejectedCertificate != null;
    }

    /**
     * @param error libstrophe's socket error (an errno), 0 or -1
     * @param streamError the server's stream error, or null
     * @param note what libstrophe's log said about this attempt, or null
     * @param descriptorTooLarge a socket refused as past FD_SETSIZE, or -1
     * @param target "host:port", for messages
     * @param jid the account, for messages
     */
    Verdict classify(int error, StreamErrorException streamError, LogSignals.FailureNote note, int descriptorTooLarge,
            String target, Object jid) {
        if (abortCause != null) {
            return new Verdict(abortCause, false);
        }
        if (saslFailure == null && note != null && note.kind() == LogSignals.FailureNote.Kind.AUTHENTICATION) {
            saslFailure = note.detail();
        }
        if (saslFailure != null) {
            return new Verdict(new AuthenticationException(saslFailure, "authentication failed for " + jid + ": " + saslFailure), false);
        }
        if (rejectedCertificate != null) {
            return new Verdict(new TlsException("the server certificate is not trusted (" + rejectedCertificate.error()
                    + "; subject " + rejectedCertificate.subject() + ", names " + rejectedCertificate.dnsNames()
                    + "). Trust it with caFile(...), a certificateVerifier, or trustAnyCertificate(true)", rejectedCertificate), false);
        }
        if (streamError != null) {
            return new Verdict(streamError, true); // the server ended the session: there is nothing to resume
        }
        if (note != null && note.kind() == LogSignals.FailureNote.Kind.MALFORMED_XML) {
            // libstrophe answered invalid-xml, which ends the session on the server; and libstrophe 0.14 keeps
            // its own stream errors in the SM queue and would send them again into the next session
            return new Verdict(new ConnectionException("the server sent malformed XML; the stream was closed with an"
                    + " invalid-xml error (" + target + ")"), true);
        }
        if (note != null && note.kind() == LogSignals.FailureNote.Kind.STARTTLS_MISSING) {
            return new Verdict(new TlsException("the server at " + target + " does not offer STARTTLS, and"
                    + " TlsPolicy.REQUIRED (the default) forbids logging in on a plaintext stream; no password was sent", null), false);
        }
        if (descriptorTooLarge >= 0) {
            return new Verdict(new ConnectionException("the socket for " + target + " got descriptor " + descriptorTooLarge
                    + ", at or above FD_SETSIZE (" + io.github.strophejna.jna.internal.SocketOptions.FD_SETSIZE + "): libstrophe's"
                    + " select() cannot watch it and would abort the process. Open fewer files and sockets in this JVM."), false);
        }
        if (error > 0) {
            return new Verdict(new ConnectionException(errnoText(error) + " (" + target + ")"), false);
        }
        if (note != null && note.kind() == LogSignals.FailureNote.Kind.CONNECT) {
            // libstrophe 0.14 reports some failures as -1; the log has the errno
            try {
                return new Verdict(new ConnectionException(errnoText(Integer.parseInt(note.detail())) + " (" + target + ")"), false);
            } catch (NumberFormatException e) {
                return new Verdict(new ConnectionException("connection failed: " + note.detail() + " (" + target + ")"), false);
            }
        }
        if (error != 0) {
            return new Verdict(new ConnectionException(errnoText(error) + " (" + target + ")"), false);
        }
        return new Verdict(null, false);
    }

    static String errnoText(int errno) {
        return switch (errno) {
            case 111 -> "connection refused";
            case 110 -> "connection timed out";
            case 113 -> "host unreachable";
            case 101 -> "network unreachable";
            case 104 -> "connection reset by the server";
            case 103 -> "connection aborted";
            case 32 -> "broken pipe";
            default -> "connection failed (error " + errno + ")";
        };
    }
}
