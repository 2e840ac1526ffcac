package io.github.strophejna.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reading C strings that libstrophe returns. Hand-written beside the generated binding. */
public final class NativeStrings {

    private NativeStrings() {
    }

    /**
     * Decodes a NUL-terminated UTF-8 string that stays owned by libstrophe.
     *
     * @param p the string, or null
     * @return the text, or null for a null pointer
     */
    public static String utf8(Pointer p) {
        return p == null ? null : p.getString(0, StandardCharsets.UTF_8.name());
    }

    /**
     * Decodes a string that libstrophe handed over to the caller, then frees it with {@code xmpp_free}
     * (a {@code char *} return such as {@code xmpp_jid_bare} or {@code xmpp_stanza_get_text}).
     *
     * @param ctx the context that allocated it
     * @param p the string, or null
     * @return the text, or null for a null pointer
     */
    public static String take(XmppCtx ctx, Pointer p) {
        if (p == null) {
            return null;
        }
        try {
            return utf8(p);
        } finally {
            Strophe.xmpp_free(ctx, p);
        }
    }

    /**
     * A secret (a password) as a NUL-terminated UTF-8 buffer in native memory, built without ever making a
     * Java {@code String} of it. Close it as soon as libstrophe has copied it: closing zeroes the buffer.
     *
     * @param chars the secret; not modified (the caller wipes it)
     * @return the buffer
     * @throws IllegalArgumentException when the chars are not valid UTF-16 (a lone surrogate)
     */
    public static Secret secret(char[] chars) {
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(chars));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the secret is not valid text (a lone surrogate)", e);
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        Memory memory = new Memory(bytes.length + 1L);
        memory.write(0, bytes, 0, bytes.length);
        memory.setByte(bytes.length, (byte) 0);
        Arrays.fill(bytes, (byte) 0);
        return new Secret(memory);
    }

    /** A secret in native memory; {@link #close()} zeroes it. */
    public static final class Secret implements AutoCloseable {
        private final Memory memory;

        private Secret(Memory memory) {
            this.memory = memory;
        }

        /** @return the length in bytes, without the terminating NUL */
        public int length() {
            return (int) memory.size() - 1;
        }

        /** @return the NUL-terminated UTF-8 bytes, valid until {@link #close()} */
        public Pointer pointer() {
            return memory;
        }

        /** Zeroes the buffer. */
        @Override
        public void close() {
            memory.clear();
        }

        @Override
        public String toString() {
            return "Secret[redacted]";
        }
    }
}
