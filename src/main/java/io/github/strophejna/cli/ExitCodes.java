package io.github.strophejna.cli;

import io.github.strophejna.scripting.ExitStatus;

/** The tool's exit statuses, documented in {@code strophe --help} and README. */
final class ExitCodes {

    static final int OK = ExitStatus.OK;
    static final int DELIVERY = ExitStatus.DELIVERY;
    static final int USAGE = ExitStatus.USAGE;
    static final int AUTHENTICATION = ExitStatus.AUTHENTICATION;
    static final int CONNECTION = ExitStatus.CONNECTION;
    static final int TIMEOUT = ExitStatus.TIMEOUT;
    static final int LIBSTROPHE = ExitStatus.LIBSTROPHE;

    /** The footer of every {@code --help}. */
    static final String HELP = "Exit status: 0 success; 1 delivery failure (an error reply); 2 usage error (bad option, "
            + "bad JID, no password); 3 authentication failure; 4 connection or TLS failure; 5 timeout; "
            + "6 libstrophe not found or too old.";

    private ExitCodes() {
    }

    /** @return the failure itself, out of the future wrappers around it */
    static Throwable cause(Throwable t) {
        return ExitStatus.unwrap(t);
    }

    /** @return the status of a failure: the library's mapping, and this tool's own usage errors */
    static int of(Throwable t) {
        return cause(t) instanceof UsageException ? USAGE : ExitStatus.of(t);
    }

    /** A usage problem: a bad command line (found by {@link ArgumentParser}) or a bad value found later (no password). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
