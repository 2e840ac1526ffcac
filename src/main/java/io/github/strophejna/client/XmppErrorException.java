package io.github.strophejna.client;

import io.github.strophejna.stanza.StanzaError;

/**
 * An IQ was answered with {@code type='error'}, or a handler refuses a request: the stanza error's type and
 * condition. Throw it from an {@code onIq} handler to answer with that error.
 */
public final class XmppErrorException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final transient StanzaError error;

    /** @param error the stanza error */
    public XmppErrorException(StanzaError error) {
        super("XMPP error " + error);
        this.error = error;
    }

    /** @return the stanza error */
    public StanzaError error() {
        return error;
    }
}
