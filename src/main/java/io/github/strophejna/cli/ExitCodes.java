package io.github.strophejna.cli;

import io.github.strophejna.client.AuthenticationException;
import io.github.strophejna.client.ConnectionException;
import io.github.strophejna.client.StreamErrorException;
import io.github.strophejna.client.TlsException;
import io.github.strophejna.client.XmppErrorException;
import io.github.strophejna.client.XmppTimeoutException;
import io.github.strophejna.jna.LibStropheException;
import io.github.strophejna.scripting.DeliveryException;
import io.github.strophejna.stanza.InvalidJidException;
import io.github.strophejna.stanza.StanzaParseException;

/** The tool's exit statuses, documented in {@code strophe --help} and README. */
final class ExitCodes {

    static final int OK = 0;
    static final int DELIVERY = 1;
    static final int USAGE = 2;
    static final int AUTHENTICATION = 3;
    static final int CONNECTION = 4;
    static final int TIMEOUT = 5;
    static final int LIBSTROPHE = 6;

    /** The footer of every {@code --help}. */
    static final String HELP = "Exit status: 0 success; 1 delivery failure (an error reply); 2 usage error (bad option, "
            + "bad JID, no password); 3 authentication failure; 4 connection or TLS failure; 5 timeout; "
            + "6 libstrophe not found or too old.";

    private ExitCodes() {
    }

    /** @return the failure itself, out of the future wrappers around it */
    static Throwable cause(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.ExecutionException || c instanceof java.util.concurrent.CompletionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    static int of(Throwable t) {
        Throwable c = cause(t);
        if (c instanceof LibStropheException) {
            return LIBSTROPHE;
        }
        if (c instanceof AuthenticationException) {
            return AUTHENTICATION;
        }
        if (c instanceof ConnectionException || c instanceof TlsException || c instanceof StreamErrorException) {
            return CONNECTION;
        }
        if (c instanceof XmppTimeoutException || c instanceof java.util.concurrent.TimeoutException) {
            return TIMEOUT;
        }
        if (c instanceof DeliveryException || c instanceof XmppErrorException) {
            return DELIVERY;
        }
        if (c instanceof InvalidJidException || c instanceof StanzaParseException || c instanceof UsageException) {
            return USAGE;
        }
        return CONNECTION;
    }

    /** A usage problem: a bad command line (found by {@link ArgumentParser}) or a bad value found later (no password). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
