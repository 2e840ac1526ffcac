package io.github.strophejna.client;

/** The server ended the stream with a stream error (RFC 6120 §4.9), e.g. {@code conflict}. */
public final class StreamErrorException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final String condition;
    private final String text;

    /** @param condition the condition element's name @param text the error text, or null */
    public StreamErrorException(String condition, String text) {
        super("stream error: " + condition + (text == null || text.isEmpty() ? "" : " (" + text + ")"));
        this.condition = condition;
        this.text = text;
    }

    /** @return the condition, e.g. "conflict" */
    public String condition() {
        return condition;
    }

    /** @return the text, or null */
    public String text() {
        return text;
    }
}
