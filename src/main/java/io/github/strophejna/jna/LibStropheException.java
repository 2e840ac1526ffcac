package io.github.strophejna.jna;

/**
 * libstrophe cannot be used: not found, or too old. The message says what was tried and how to fix it.
 */
public class LibStropheException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and how to fix it
     * @param cause the underlying error, or null
     */
    public LibStropheException(String message, Throwable cause) {
        super(message, cause);
    }
}
