package io.github.strophejna.stanza;

/** Text that is not one well-formed XML element; the message says what is wrong and where. */
public final class StanzaParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    /**
     * @param message what is wrong
     * @param offset where, in characters from the start
     */
    public StanzaParseException(String message, int offset) {
        super(message + " (at offset " + offset + ")");
        this.offset = offset;
    }

    /** @return the character offset of the problem */
    public int offset() {
        return offset;
    }
}
