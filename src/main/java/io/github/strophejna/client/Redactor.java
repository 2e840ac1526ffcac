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

    private Redactor() {
    }

    static String redact(String text) {
        if (text == null || text.indexOf('<') < 0) {
            return text;
        }
        String out = text;
        if (out.contains("auth") || out.contains("response") || out.contains("challenge") || out.contains("success")) {
            out = SASL.matcher(out).replaceAll("$1" + HIDDEN + "$4");
        }
        if (out.contains("password") || out.contains("digest")) {
            out = LEGACY.matcher(out).replaceAll("$1" + HIDDEN + "$4");
        }
        return out;
    }
}
