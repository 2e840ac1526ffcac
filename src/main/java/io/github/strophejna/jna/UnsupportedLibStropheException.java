package io.github.strophejna.jna;

/** The loaded libstrophe is older than the binding, or than a function or flag that was asked for. */
public final class UnsupportedLibStropheException extends LibStropheException {

    private static final long serialVersionUID = 1L;

    /** @param message the version found, the version needed, and how to get it */
    public UnsupportedLibStropheException(String message) {
        super(message, null);
    }
}
