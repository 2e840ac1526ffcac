package io.github.strophejna.client;

import io.github.strophejna.jna.LibStrophe;
import io.github.strophejna.jna.LibStropheVersion;

/**
 * What the loaded libstrophe offers the client, and the defects of particular versions it steers around:
 * the one place in the client that knows about versions. Functions are probed by symbol, defects go by
 * version. Read once, after {@link LibStrophe#load()}.
 */
final class LibraryFeatures {

    /** 0.12.0 added the sockopt callback: the socket before connect(), for options and the event loop's poll. */
    static final boolean SOCKOPT_CALLBACK = LibStrophe.hasFunction("xmpp_conn_set_sockopt_callback");
    /** 0.12.0 added Stream Management (XEP-0198) and its state functions. */
    static final boolean STREAM_MANAGEMENT = LibStrophe.hasFunction("xmpp_conn_get_sm_state");
    /** 0.12.0 added the send queue's length. */
    static final boolean SEND_QUEUE_LENGTH = LibStrophe.hasFunction("xmpp_conn_send_queue_len");
    /** 0.12.0 added the callback asking for an encrypted client key's password. */
    static final boolean KEY_PASSWORD_CALLBACK = LibStrophe.hasFunction("xmpp_conn_set_password_callback");

    /**
     * libstrophe 0.13.0 and 0.13.1: when a STARTTLS handshake fails, conn_tls_start frees the TLS session
     * but leaves the connection's I/O interface pointing at the TLS functions, and libstrophe's own answer,
     * xmpp_disconnect, only queues a closing tag. The connection stays CONNECTED, so the next
     * xmpp_run_once writes (and flushes, and reads) through tls_write with a NULL session: SIGSEGV. 0.11 and
     * 0.12 test conn->tls before each TLS call (no interface indirection yet), and 0.14.0 restores the plain socket interface on failure. The client
     * therefore releases such a connection between two passes (see
     * {@link ClientConnection#afterFailedTlsStart()}), which closes it without writing.
     */
    static final boolean FAILED_TLS_START_KEEPS_TLS_INTERFACE = isVersion(0, 13);

    // The project's fixes to upstream bugs that a scripts/build-libstrophe.sh --with-fixes build carries (its version
    // file lists them; see native/patches and LibStrophe.fixes()). Each one lets the client drop the work-around for
    // that defect; without it (every stock library) the work-around stays. One flag per decision the client makes.

    /**
     * {@code sha1-reentrant}: SHA-1 hashes in a per-call workspace, so logins (SCRAM-SHA-1) on several loop threads
     * may run at once. Stock: {@link EventLoop}'s process-wide login lock.
     */
    static final boolean SHA1_REENTRANT = fixed("sha1-reentrant");
    /**
     * {@code poll}: the event loop and the TLS handshake wait in poll(), so sockets numbered FD_SETSIZE (1,024)
     * and above are fine. Stock: {@link NativeConnection} refuses such a socket (a typed failure of that
     * connection) before libstrophe's select() could abort the process.
     */
    static final boolean POLL = fixed("poll");
    /**
     * {@code component-sm}: xmpp_connect_component gives the connection the Stream Management state that every
     * send reads. Stock: {@link NativeConnection} lends it one from a throwaway client connection first.
     */
    static final boolean COMPONENT_SM = fixed("component-sm");
    /**
     * {@code parser-reset}: a connection reused after a stream that ended inside an element's text parses its
     * next stream right. Stock: every attempt after the first takes a fresh native connection (see
     * {@link ClientConnection}'s startAttempt for the other reason it had, which this fix does not touch).
     */
    static final boolean PARSER_RESET = fixed("parser-reset");
    /**
     * {@code sm-restore}: a state saved by {@code onStreamManagementState} and restored in another process
     * ({@code Builder.resume(bytes)}) resumes its session. Stock 0.14.0 sends {@code <r/>} during the new
     * stream's negotiation, so the attempt fails (typed); the client then gives the restored state up, and the
     * next attempt binds a new session (see {@link ClientConnection#resume(byte[])}).
     */
    static final boolean SM_RESTORE = fixed("sm-restore");

    // "sm-resume-count" (after <resumed h='...'/> libstrophe counts sent stanzas from the server's h) has no
    // work-around to drop: no client-side measure can fix the count inside libstrophe, and the renewal of the
    // native connection never touched it (the SM state, counters included, moves over to the fresh one).

    private LibraryFeatures() {
    }

    private static boolean fixed(String name) {
        return LibStrophe.fixes().contains(name);
    }

    private static boolean isVersion(int major, int minor) {
        LibStropheVersion v = LibStrophe.version();
        return v.major() == major && v.minor() == minor;
    }

    /**
     * Refuses what the loaded library cannot do.
     *
     * @param available whether it can
     * @param feature what was asked for, for the message
     * @param function the C function it needs
     * @throws io.github.strophejna.jna.UnsupportedLibStropheException when it cannot, naming the version that can
     */
    static void require(boolean available, String feature, String function) {
        if (!available) {
            LibStrophe.requireVersion(feature, "0.12.0"); // names the loaded version and how to get a newer one
            throw new io.github.strophejna.jna.UnsupportedLibStropheException(feature + " needs " + function
                    + ", which the loaded libstrophe (" + LibStrophe.origin() + ") does not export");
        }
    }
}
