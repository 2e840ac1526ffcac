package io.github.strophejna.stanza;

/** A string that is not a valid JID (RFC 7622); the message says which rule it breaks. */
public final class InvalidJidException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message the input and the rule it breaks */
    public InvalidJidException(String message) {
        super(message);
    }
}
