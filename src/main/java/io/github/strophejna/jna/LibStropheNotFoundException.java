package io.github.strophejna.jna;

/** No loadable libstrophe in any of the places searched; the message lists each place and why it failed. */
public final class LibStropheNotFoundException extends LibStropheException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the places tried and how to fix it
     * @param cause the last loading error, or null
     */
    public LibStropheNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
