package io.github.strophejna.client;

/**
 * Base of every failure the client reports: futures complete exceptionally with one of its subclasses.
 * Messages never contain passwords or SASL payloads.
 */
public class XmppException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong */
    public XmppException(String message) {
        super(message);
    }

    /** @param message what went wrong @param cause why */
    public XmppException(String message, Throwable cause) {
        super(message, cause);
    }
}
