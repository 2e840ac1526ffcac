package io.github.strophejna.client;

/** Something did not happen in time: an IQ answer, a login, the disconnect barrier. */
public final class XmppTimeoutException extends XmppException {

    private static final long serialVersionUID = 1L;

    /** @param message what was awaited and for how long */
    public XmppTimeoutException(String message) {
        super(message);
    }
}
