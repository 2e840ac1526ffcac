package io.github.strophejna.jna;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@link LogLineCapture} keeps of a libstrophe log line before it goes into a committed fixture: lines
 * that carry credentials are dropped whole, random values are emptied, and the rest is escaped for one TSV
 * line. The fixtures are public, so the credential test errs on the side of dropping.
 */
final class LogLineFilter {

    /**
     * SASL elements whose payload is a credential or derived from one (PLAIN, SCRAM proofs and signatures),
     * wherever they are in a line: SENT, RECV, 0.11's QUEUED, or left over in a parse error's buffer.
     */
    private static final Pattern SASL_PAYLOAD = Pattern.compile("<(auth|response|challenge|success)\\b");
    /** Values that change from run to run: stream, stanza and Stream Management ids. */
    private static final Pattern RANDOM_ATTRIBUTE = Pattern.compile("\\b(id|previd)=(['\"])[^'\"]*\\2");

    private final List<String> secretForms = new ArrayList<>();
    /** Account localparts with their random suffix, and what they become. */
    private final Map<String, String> localparts = new LinkedHashMap<>();

    /**
     * Lines holding this secret, as text or inside any base64 text, are dropped.
     *
     * @param secret a password used in the run
     */
    void secret(String secret) {
        secretForms.add(secret);
        secretForms.addAll(base64Cores(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Replaces an account's random localpart with a stable one in kept lines.
     *
     * @param random the registered localpart ("alice-3-x1y2z")
     * @param stable what the fixtures show instead ("alice")
     */
    void localpart(String random, String stable) {
        localparts.put(random, stable);
    }

    /** @return whether the line may be kept (it carries no credential) */
    boolean keep(String msg) {
        if (msg == null) {
            return true;
        }
        if (SASL_PAYLOAD.matcher(msg).find()) {
            return false;
        }
        for (String form : secretForms) {
            if (msg.contains(form)) {
                return false;
            }
        }
        return true;
    }

    /** @return the line with random values emptied and localparts made stable */
    String normalize(String msg) {
        if (msg == null) {
            return "";
        }
        String s = RANDOM_ATTRIBUTE.matcher(msg).replaceAll("$1=$2$2");
        for (Map.Entry<String, String> e : localparts.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }

    /** Escapes backslash, tab, CR, LF and other control characters, so a message is one TSV field. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * The part of the base64 encoding of {@code secret} that does not depend on its neighbours, for each of
     * the three positions it can start at inside a longer encoded text (PLAIN's "\0user\0password", say).
     */
    static List<String> base64Cores(byte[] secret) {
        List<String> cores = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] padded = new byte[offset + secret.length];
            System.arraycopy(secret, 0, padded, offset, secret.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(padded);
            int from = offset == 0 ? 0 : 4; // the first group mixes in the neighbour's bytes
            int to = 4 * (padded.length / 3); // a last partial group depends on what follows
            if (to - from >= 8) {
                cores.add(encoded.substring(from, to));
            }
        }
        return cores;
    }
}
