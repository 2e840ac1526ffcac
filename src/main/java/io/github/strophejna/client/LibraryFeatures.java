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

    /**
     * The project's fixes a {@code scripts/build-libstrophe.sh --with-fixes} build carries (its version file
     * lists them; see native/patches): each one lets the client drop the work-around for that defect.
     */
    /** SHA-1 hashes in a per-call workspace: logins on several loop threads may run at once. */
    static final boolean SHA1_REENTRANT = LibStrophe.fixes().contains("sha1-reentrant");
    /** The event loop waits in poll(): sockets numbered FD_SETSIZE (1,024) and above are fine. */
    static final boolean POLL = LibStrophe.fixes().contains("poll");

    private LibraryFeatures() {
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
