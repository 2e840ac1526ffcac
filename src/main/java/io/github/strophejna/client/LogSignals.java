package io.github.strophejna.client;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one connection's libstrophe context tells only its log, read line by line, and the text of every element
 * it reads (see {@link #receiveInto}). libstrophe gives user code no
 * SASL failure, no connect errno on some versions, no Stream Management answer on 0.13+, no sign of a parse error
 * or of a failed TLS start, and on 0.11 not even the socket. Each connection has its own context and so its own
 * log: every note here is that connection's. The loop thread reads and takes the notes; nothing else touches them.
 *
 * <p>Kept cheap because every received stanza passes through here: a line is recognised by its first bytes,
 * and only the lines that carry a note are copied whole.
 */
final class LogSignals {

    /** One log line, as bytes (libstrophe's native string or, in tests, a Java one). */
    interface Line {
        /** @return its length in bytes */
        int length();

        /** @return bytes {@code from} up to {@code from + count} */
        byte[] bytes(int from, int count);
    }

    /** A failure of the current attempt that libstrophe reports nowhere else. */
    record FailureNote(Kind kind, String detail) {
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

    /** What the server answered to libstrophe's Stream Management request. */
    enum SmNote { ENABLED, RESUMED, FAILED }

    /** libstrophe's debug line for every element it read ("RECV: &lt;message ..."), 0.11 to master. */
    private static final byte[] RECV_ELEMENT = ascii("RECV: <");
    private static final byte[] RECV_ENABLED = ascii("RECV: <enabled ");
    private static final byte[] RECV_RESUMED = ascii("RECV: <resumed ");
    private static final byte[] RECV_FAILED = ascii("RECV: <failed ");
    private static final byte[] RECV_SASL_FAILURE = ascii("RECV: <failure xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"");
    private static final byte[] CONNECT_FAILED = ascii("connection failed, error ");
    /** libstrophe's parser gave up on the server's bytes (it then sends invalid-xml and keeps the socket). */
    private static final byte[] PARSE_ERROR = ascii("parse error [");
    /** ERROR line when the features lack STARTTLS under XMPP_CONN_FLAG_MANDATORY_TLS (then it just closes). */
    private static final byte[] TLS_MANDATORY = ascii("TLS is not supported, but set as mandatory");
    /** conn_tls_start's debug line when a TLS handshake failed. */
    private static final byte[] TLS_START_FAILED = ascii("Couldn't start TLS!");
    /** libstrophe 0.11's debug line naming a new connection's socket (it has no sockopt callback). */
    private static final byte[] SOCK_CONNECT = ascii("sock_connect() to ");
    private static final Pattern SOCK_CONNECT_FD = Pattern.compile(" returned (-?\\d+)$");
    private static final Pattern SASL_CONDITION = Pattern.compile("<failure[^>]*><([a-z-]+)");
    private static final String NS_SM = "urn:xmpp:sm:3";
    /** Enough of a line to tell the notes apart (the longest prefix above). */
    private static final int HEAD_BYTES = 64;

    /** Where each element read goes, or null while nobody takes them (see {@link #receiveInto}). */
    private Consumer<String> receiver;
    private FailureNote failure;
    private SmNote sm;
    private boolean tlsStartFailed;
    private int socket = -1;

    /** Reads a DEBUG line. */
    void debug(Line line) {
        int length = line.length();
        byte[] head = line.bytes(0, Math.min(length, HEAD_BYTES));
        boolean recv = startsWith(head, RECV_ELEMENT) && head.length > RECV_ELEMENT.length && head[RECV_ELEMENT.length] != '/';
        if (recv) {
            readReceived(line, head, length);
        } else if (startsWith(head, PARSE_ERROR)) {
            failure = new FailureNote(FailureNote.Kind.MALFORMED_XML, "malformed XML");
        } else if (startsWith(head, TLS_START_FAILED)) {
            tlsStartFailed = true;
        } else if (startsWith(head, SOCK_CONNECT)) {
            Matcher m = SOCK_CONNECT_FD.matcher(text(line, 0, length));
            socket = m.find() ? Integer.parseInt(m.group(1)) : -1;
        } else if (startsWith(head, CONNECT_FAILED)) {
            failure = new FailureNote(FailureNote.Kind.CONNECT, text(line, CONNECT_FAILED.length, length).trim()); // the errno
        }
    }

    /** Reads an ERROR line. */
    void error(Line line) {
        if (startsWith(line.bytes(0, Math.min(line.length(), HEAD_BYTES)), TLS_MANDATORY)) {
            failure = new FailureNote(FailureNote.Kind.STARTTLS_MISSING, "no STARTTLS offered");
        }
    }

    private void readReceived(Line line, byte[] head, int length) {
        // the rest of the line, copied once (no second strlen, no substring copy)
        String xml = text(line, RECV_ELEMENT.length - 1, length);
        if (startsWith(head, RECV_SASL_FAILURE)) {
            Matcher m = SASL_CONDITION.matcher(xml);
            failure = new FailureNote(FailureNote.Kind.AUTHENTICATION, m.find() ? m.group(1) : "failure");
        } else if (startsWith(head, RECV_ENABLED) && xml.contains(NS_SM)) {
            sm = SmNote.ENABLED;
        } else if (startsWith(head, RECV_RESUMED) && xml.contains(NS_SM)) {
            sm = SmNote.RESUMED;
        } else if (startsWith(head, RECV_FAILED) && xml.contains(NS_SM)) {
            sm = SmNote.FAILED;
        }
        Consumer<String> r = receiver;
        if (r != null && !xml.startsWith("<stream:stream")) {
            r.accept(xml);
        }
    }

    /**
     * libstrophe serialises every element it reads for its "RECV:" line, just before it runs the handlers for
     * it, and for nothing else: that line is the element's text at no further cost, one call into Java per
     * element instead of two (a stanza handler as well), and nothing to serialise again. From now on each
     * element read (not the stream's own header) goes to {@code receiver}, on the loop thread, inside the log
     * call; null stops that.
     *
     * @param receiver what takes the elements' text, or null
     */
    void receiveInto(Consumer<String> receiver) {
        this.receiver = receiver;
    }

    /** @return the latest Stream Management answer not yet taken, or null */
    SmNote takeSmNote() {
        SmNote n = sm;
        sm = null;
        return n;
    }

    /** @return the latest failure note not yet taken, or null */
    FailureNote takeFailure() {
        FailureNote n = failure;
        failure = null;
        return n;
    }

    /** @return whether a TLS handshake failed since the last call */
    boolean takeTlsStartFailure() {
        boolean f = tlsStartFailed;
        tlsStartFailed = false;
        return f;
    }

    /** @return the socket libstrophe 0.11 logged for the last connect since the last call, or -1 */
    int takeSocket() {
        int fd = socket;
        socket = -1;
        return fd;
    }

    /** Forgets every note: a new attempt must not be described by an earlier one's. */
    void clear() {
        failure = null;
        sm = null;
        tlsStartFailed = false;
        socket = -1;
    }

    private static String text(Line line, int from, int to) {
        return new String(line.bytes(from, to - from), StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
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
