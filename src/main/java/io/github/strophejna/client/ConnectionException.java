package io.github.strophejna.client;

/** The TCP connection could not be made or was lost: DNS, refused, unreachable, timeout, reset. */
public final class ConnectionException extends XmppException {

    private static final long serialVersionUID = 1L;

    /** @param message what happened, with host and port */
    public ConnectionException(String message) {
        super(message);
    }
}
