package io.github.strophejna.jna;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

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
}
