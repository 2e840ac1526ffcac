package io.github.strophejna.scripting;

import io.github.strophejna.client.XmppException;
import io.github.strophejna.stanza.StanzaError;
import java.util.Map;

/** The server answered some sent stanzas with errors (e.g. the recipient does not exist). */
public final class DeliveryException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, StanzaError> errors;

    /** @param errors the error of each refused stanza, by id */
    public DeliveryException(Map<String, StanzaError> errors) {
        super("the server refused " + errors.size() + " stanza(s): " + errors);
        this.errors = Map.copyOf(errors);
    }

    /** @return the error of each refused stanza, by stanza id */
    public Map<String, StanzaError> errors() {
        return errors;
    }
}
