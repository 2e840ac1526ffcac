package io.github.strophejna.internal;

import java.util.regex.Pattern;

/**
 * Removes credentials from text bound for logs, the stanza history and exception messages: the content of
 * SASL elements (auth, response, challenge, success; base64 that may hide a password) and of legacy-auth
 * password and digest elements. Also tells text that must not be stored at all (the console's history file).
 */
public final class Redactor {

    private static final Pattern SASL = Pattern.compile(
            "(<(auth|response|challenge|success)\\b[^>]*>)([^<]*)(</\\2>)");
    private static final Pattern LEGACY = Pattern.compile("(<(password|digest)\\b[^>]*>)([^<]*)(</\\2>)");
    private static final String HIDDEN = "[redacted]";
    private static final String[] NAMES = {"auth", "response", "challenge", "success", "password", "digest"};
    /** A data-form field for a secret (XEP-0004's text-private, a room's or an account's password). */
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "<field\\b[^>]*(text-private|password|secret)", Pattern.CASE_INSENSITIVE);

    private Redactor() {
    }

    /**
     * @param text a line of a log, a stanza, or null
     * @return the text with credentials replaced by {@code [redacted]}; the same instance when there are none
     */
    public static String redact(String text) {
        if (text == null || !mayHoldRedactable(text)) {
            return text;
        }
        String out = SASL.matcher(text).replaceAll("$1" + HIDDEN + "$4");
        return LEGACY.matcher(out).replaceAll("$1" + HIDDEN + "$4");
    }

    /**
     * Whether the text may carry a credential, erring on the side of yes: an element that may hold one starts in
     * it (closed or not), or a data-form field for a secret. For text that must never be stored with one.
     *
     * @param text any text
     * @return true when it may
     */
    public static boolean mayHoldCredentials(String text) {
        return mayHoldRedactable(text) || SECRET_FIELD.matcher(text).find();
    }

    /**
     * Whether an element the patterns match may start in the text: a look at each '&lt;' (a handful per stanza)
     * instead of the patterns' scans, since every stanza recorded or logged passes through here.
     */
    private static boolean mayHoldRedactable(String text) {
        for (int i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
            for (String name : NAMES) {
                if (text.startsWith(name, i + 1)) {
                    return true;
                }
            }
        }
        return false;
    }
}
