package io.github.strophejna.scripting;

import io.github.strophejna.client.AuthenticationException;
import io.github.strophejna.client.ConnectionException;
import io.github.strophejna.client.StreamErrorException;
import io.github.strophejna.client.TlsException;
import io.github.strophejna.client.XmppErrorException;
import io.github.strophejna.client.XmppTimeoutException;
import io.github.strophejna.jna.LibStropheException;
import io.github.strophejna.stanza.InvalidJidException;
import io.github.strophejna.stanza.StanzaParseException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The process exit statuses a script reports for the library's typed failures, the same ones the
 * {@code strophe} tool uses, so a shell caller can tell a wrong password from an unreachable server:
 * 0 success, 1 delivery failure, 2 usage error, 3 authentication failure, 4 connection or TLS failure,
 * 5 timeout, 6 libstrophe missing or too old.
 */
public final class ExitStatus {

    /** Everything worked. */
    public static final int OK = 0;
    /** The server answered with an error (unknown recipient, refused request): {@link DeliveryException}. */
    public static final int DELIVERY = 1;
    /** The input was wrong: a bad JID, malformed XML, a bad argument. */
    public static final int USAGE = 2;
    /** The server refused the credentials. */
    public static final int AUTHENTICATION = 3;
    /** No connection, a TLS failure (certificate included), a stream error or a dropped connection. */
    public static final int CONNECTION = 4;
    /** The server did not answer in time. */
    public static final int TIMEOUT = 5;
    /** libstrophe was not found, or is too old. */
    public static final int LIBSTROPHE = 6;

    private ExitStatus() {
    }

    /**
     * @param failure a failure, possibly wrapped by a future ({@link ExecutionException}, {@link CompletionException})
     * @return the failure itself, without the wrappers
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable c = failure;
        while ((c instanceof ExecutionException || c instanceof CompletionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /**
     * @param failure what went wrong (wrapped or not)
     * @return its exit status; a failure of no known type counts as a connection failure
     */
    public static int of(Throwable failure) {
        Throwable c = unwrap(failure);
        if (c instanceof LibStropheException) {
            return LIBSTROPHE;
        }
        if (c instanceof AuthenticationException) {
            return AUTHENTICATION;
        }
        if (c instanceof ConnectionException || c instanceof TlsException || c instanceof StreamErrorException) {
            return CONNECTION;
        }
        if (c instanceof XmppTimeoutException || c instanceof TimeoutException) {
            return TIMEOUT;
        }
        if (c instanceof DeliveryException || c instanceof XmppErrorException) {
            return DELIVERY;
        }
        if (c instanceof InvalidJidException || c instanceof StanzaParseException || c instanceof IllegalArgumentException) {
            return USAGE;
        }
        return CONNECTION;
    }
}
