package io.github.strophejna.cli;

import io.github.strophejna.stanza.Stanza;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text a user gives for a stanza (a body, a subject): read from stdin as strict UTF-8, and checked against what
 * XML can carry before anything connects, so that bad text is a usage error (exit 2) and not a failure later.
 */
final class MessageText {

    private MessageText() {
    }

    /**
     * @return all of stdin as UTF-8 text, without one trailing newline
     * @throws ExitCodes.UsageException when the bytes are not valid UTF-8 (nothing is replaced silently)
     */
    static String fromStdin(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer source = ByteBuffer.wrap(bytes);
        CharBuffer text = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(source, text, true);
        if (result.isError()) {
            throw new ExitCodes.UsageException("the message on stdin is not valid UTF-8 (byte " + source.position()
                    + " of " + bytes.length + ", 0x" + String.format("%02X", bytes[source.position()] & 0xFF) + ")");
        }
        decoder.flush(text);
        String s = text.flip().toString();
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * @param text the text, or null
     * @param what what it is, for the message ("the message body", "--subject")
     * @return the text
     * @throws ExitCodes.UsageException when it holds a character XML 1.0 does not allow (a NUL, another control)
     */
    static String check(String text, String what) {
        if (text != null) {
            try {
                Stanza.builder("body").text(text); // the stanza model's own rule for text
            } catch (IllegalArgumentException e) {
                String why = e.getMessage();
                throw new ExitCodes.UsageException(what + (why.startsWith("text ") ? why.substring(4) : ": " + why));
            }
        }
        return text;
    }
}
