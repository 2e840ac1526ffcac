package io.github.strophejna.client;

import io.github.strophejna.jna.NativeStrings;
import io.github.strophejna.jna.StropheConstants;
import io.github.strophejna.jna.XmppLog;
import io.github.strophejna.jna.XmppLogHandler;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libstrophe's log, forwarded to SLF4J: one logger per libstrophe area ({@code io.github.strophejna.libstrophe.conn},
 * {@code .xmpp}, {@code .tls}, {@code .sasl}, ...), levels mapped one to one, raw traffic (libstrophe's
 * "SENT"/"RECV" lines) at DEBUG, credentials redacted. Lines below the configured level are dropped before
 * any decoding.
 */
final class LibstropheLog {

    static final String LOGGER_PREFIX = "io.github.strophejna.libstrophe.";

    /**
     * What libstrophe 0.12 tells only its log about a failed login: user handlers do not see SASL, and a
     * refused TCP connection leaves the connection's error at 0. The loop thread reads it right after.
     */
    record FailureNote(Kind kind, String detail, long nanoTime) {
        enum Kind {
            /** the server refused the credentials; detail is the SASL condition */
            AUTHENTICATION,
            /** the TCP connection failed; detail is the errno, as text */
            CONNECT,
            /** the server sent bytes that are not well-formed XML; libstrophe answered invalid-xml */
            MALFORMED_XML,
            /** TLS was required and the server offered no STARTTLS (libstrophe then just closes) */
            STARTTLS_MISSING
        }
    }

    /** What the server answered to libstrophe's Stream Management request, seen in the log (0.13+ hide it from handlers). */
    enum SmNote { ENABLED, RESUMED, FAILED }

    private static final byte[] RECV_ELEMENT = "RECV: <".getBytes(StandardCharsets.US_ASCII);
    /** The text of the stanza libstrophe is about to hand to the handlers (see {@link #takeReceivedText()}). */
    private String lastReceived;
    private static final byte[] RECV_ENABLED = "RECV: <enabled ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECV_RESUMED = "RECV: <resumed ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECV_FAILED = "RECV: <failed ".getBytes(StandardCharsets.US_ASCII);
    private SmNote lastSm;

    private static final byte[] RECV_SASL_FAILURE = "RECV: <failure xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECT_FAILED = "connection failed, error ".getBytes(StandardCharsets.US_ASCII);
    /** libstrophe's parser gave up on the server's bytes (it then sends invalid-xml and keeps the socket). */
    private static final byte[] PARSE_ERROR = "parse error [".getBytes(StandardCharsets.US_ASCII);
    /** libstrophe's error line when the features lack STARTTLS under XMPP_CONN_FLAG_MANDATORY_TLS (then it just closes). */
    private static final byte[] TLS_MANDATORY = "TLS is not supported, but set as mandatory".getBytes(StandardCharsets.US_ASCII);
    /** conn_tls_start's debug line when a TLS handshake failed (same text from 0.11 to master). */
    private static final byte[] TLS_START_FAILED = "Couldn't start TLS!".getBytes(StandardCharsets.US_ASCII);
    /** libstrophe 0.11's debug line naming a new connection's socket (it has no sockopt callback). */
    private static final byte[] SOCK_CONNECT = "sock_connect() to ".getBytes(StandardCharsets.US_ASCII);
    private static final java.util.regex.Pattern SOCK_CONNECT_FD = java.util.regex.Pattern.compile(" returned (-?\\d+)$");
    /** Enough of a line to tell the notes apart (the longest prefix above). */
    private static final int HEAD_BYTES = 64;
    private static final java.util.regex.Pattern SASL_CONDITION = java.util.regex.Pattern.compile("<failure[^>]*><([a-z-]+)");

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final int threshold;
    private FailureNote lastFailure;
    private boolean tlsStartFailed;
    private int lastSocket = -1;
    /** A field: libstrophe calls it for as long as the context lives. */
    private final XmppLogHandler handler = this::log;
    private final XmppLog struct = new XmppLog();

    LibstropheLog(LogLevel level) {
        this.threshold = level.nativeLevel;
        struct.handler = handler;
        struct.write();
    }

    /** @return the structure to give xmpp_ctx_new; it must stay reachable as long as the context */
    XmppLog struct() {
        return struct;
    }

    /**
     * libstrophe serialises every received stanza for its "RECV:" debug line just before it runs the
     * handlers for that stanza, on this same thread. Keeping that text spares serialising it a second time.
     *
     * @return the text of the stanza being dispatched, or null when the log did not show it; loop thread
     */
    String takeReceivedText() {
        String t = lastReceived;
        lastReceived = null;
        return t;
    }

    /** @return the latest Stream Management answer not yet taken, or null; loop thread */
    SmNote takeSmNote() {
        SmNote n = lastSm;
        lastSm = null;
        return n;
    }

    /** @return the latest failure note not yet taken, if recent, else null; loop thread */
    FailureNote takeFailure() {
        FailureNote n = lastFailure;
        lastFailure = null;
        return n != null && System.nanoTime() - n.nanoTime() < 30_000_000_000L ? n : null;
    }

    /** @return whether a TLS handshake failed since the last call (see {@link ClientConnection#afterFailedTlsStart}); loop thread */
    boolean takeTlsStartFailure() {
        boolean f = tlsStartFailed;
        tlsStartFailed = false;
        return f;
    }

    /**
     * libstrophe 0.11 names a new socket only in its log, from inside {@code xmpp_connect_client}: the caller
     * takes it right after that call returns, so it belongs to that connection.
     *
     * @return the socket of the last connect since the last call, or -1; loop thread
     */
    int takeSocket() {
        int fd = lastSocket;
        lastSocket = -1;
        return fd;
    }

    private void log(com.sun.jna.Pointer userdata, int level, com.sun.jna.Pointer area, com.sun.jna.Pointer msg) {
        if (level == StropheConstants.XMPP_LEVEL_DEBUG) {
            noteFailures(msg);
        } else if (level == StropheConstants.XMPP_LEVEL_ERROR) {
            noteMissingStartTls(msg);
        }
        if (level < threshold) {
            return;
        }
        try {
            String a = NativeStrings.utf8(area);
            Logger logger = loggers.computeIfAbsent(a == null ? "core" : a, k -> LoggerFactory.getLogger(LOGGER_PREFIX + k));
            switch (level) {
                case StropheConstants.XMPP_LEVEL_DEBUG -> {
                    if (logger.isDebugEnabled()) {
                        logger.debug(Redactor.redact(NativeStrings.utf8(msg)));
                    }
                }
                case StropheConstants.XMPP_LEVEL_INFO -> {
                    if (logger.isInfoEnabled()) {
                        logger.info(Redactor.redact(NativeStrings.utf8(msg)));
                    }
                }
                case StropheConstants.XMPP_LEVEL_WARN -> logger.warn(Redactor.redact(NativeStrings.utf8(msg)));
                default -> logger.error(Redactor.redact(NativeStrings.utf8(msg)));
            }
        } catch (Throwable t) {
            // never let a logging problem unwind into libstrophe
        }
    }

    /**
     * Looks at a debug line for what the loop needs (see the notes above): its length and first bytes
     * decide, and only the rest of RECV lines and connect failures is copied and decoded (SENT lines of large
     * stanzas are not).
     */
    private void noteFailures(com.sun.jna.Pointer msg) {
        try {
            lastReceived = null;
            long length = msg.indexOf(0, (byte) 0);
            byte[] head = msg.getByteArray(0, (int) Math.min(length, HEAD_BYTES));
            boolean recv = startsWith(head, RECV_ELEMENT) && head.length > RECV_ELEMENT.length
                    && head[RECV_ELEMENT.length] != '/';
            if (!recv && startsWith(head, PARSE_ERROR)) {
                lastFailure = new FailureNote(FailureNote.Kind.MALFORMED_XML, "malformed XML", System.nanoTime());
                return;
            }
            if (!recv && startsWith(head, TLS_START_FAILED)) {
                tlsStartFailed = true;
                return;
            }
            if (!recv && startsWith(head, SOCK_CONNECT)) {
                java.util.regex.Matcher m = SOCK_CONNECT_FD.matcher(new String(msg.getByteArray(0, (int) length), StandardCharsets.UTF_8));
                lastSocket = m.find() ? Integer.parseInt(m.group(1)) : -1;
                return;
            }
            if (!recv && !startsWith(head, CONNECT_FAILED)) {
                return;
            }
            // the rest of the line, copied once (no second strlen, no substring copy)
            int from = recv ? RECV_ELEMENT.length - 1 : CONNECT_FAILED.length;
            String xml = new String(msg.getByteArray(from, (int) length - from), StandardCharsets.UTF_8);
            if (!recv) {
                lastFailure = new FailureNote(FailureNote.Kind.CONNECT, xml.trim(), System.nanoTime()); // the errno
                return;
            }
            if (!xml.startsWith("<stream:stream")) {
                lastReceived = xml;
            }
            if (startsWith(head, RECV_SASL_FAILURE)) {
                java.util.regex.Matcher m = SASL_CONDITION.matcher(xml);
                lastFailure = new FailureNote(FailureNote.Kind.AUTHENTICATION, m.find() ? m.group(1) : "failure", System.nanoTime());
            } else if ((startsWith(head, RECV_ENABLED) || startsWith(head, RECV_RESUMED) || startsWith(head, RECV_FAILED))
                    && xml.contains("urn:xmpp:sm:3")) {
                lastSm = startsWith(head, RECV_ENABLED) ? SmNote.ENABLED
                        : startsWith(head, RECV_RESUMED) ? SmNote.RESUMED : SmNote.FAILED;
            }
        } catch (RuntimeException e) {
            // a note is a hint; never fail the log call
        }
    }

    private void noteMissingStartTls(com.sun.jna.Pointer msg) {
        try {
            if (startsWith(msg.getByteArray(0, (int) Math.min(msg.indexOf(0, (byte) 0), HEAD_BYTES)), TLS_MANDATORY)) {
                lastFailure = new FailureNote(FailureNote.Kind.STARTTLS_MISSING, "no STARTTLS offered", System.nanoTime());
            }
        } catch (RuntimeException e) {
            // a note is a hint; never fail the log call
        }
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
