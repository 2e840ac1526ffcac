package io.github.strophejna.client;

/** The server refused the credentials (SASL failure), e.g. condition {@code not-authorized}. */
public final class AuthenticationException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final String condition;

    /** @param condition the SASL failure condition @param message what happened */
    public AuthenticationException(String condition, String message) {
        super(message);
        this.condition = condition;
    }

    /** @return the SASL failure condition, e.g. "not-authorized" */
    public String condition() {
        return condition;
    }
}
