package io.github.strophejna.client;

import java.util.regex.Pattern;

/**
 * Removes credentials from text bound for logs, the stanza history and exception messages: the content of
 * SASL elements (auth, response, challenge, success; base64 that may hide a password) and of legacy-auth
 * password and digest elements.
 */
final class Redactor {

    private static final Pattern SASL = Pattern.compile(
            "(<(auth|response|challenge|success)\\b[^>]*>)([^<]*)(</\\2>)");
    private static final Pattern LEGACY = Pattern.compile("(<(password|digest)\\b[^>]*>)([^<]*)(</\\2>)");
    private static final String HIDDEN = "[redacted]";
    private static final String[] NAMES = {"auth", "response", "challenge", "success", "password", "digest"};

    private Redactor() {
    }

    static String redact(String text) {
        if (text == null || !mayHoldCredentials(text)) {
            return text;
        }
        String out = SASL.matcher(text).replaceAll("$1" + HIDDEN + "$4");
        return LEGACY.matcher(out).replaceAll("$1" + HIDDEN + "$4");
    }

    /**
     * Whether an element the patterns match may start in the text: a look at each '&lt;' (a handful per stanza)
     * instead of the patterns' scans, since every stanza recorded or logged passes through here.
     */
    private static boolean mayHoldCredentials(String text) {
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
