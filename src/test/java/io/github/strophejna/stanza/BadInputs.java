package io.github.strophejna.stanza;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of hostile text for the bad-input tests: mutations of valid stanzas and JIDs, invalid
 * UTF-8 decoded with replacement, lone surrogates, control characters, markup and entity tricks. The seed
 * and the count are printed and can be set with {@code -Dstrophe.fuzz.seed=N} and {@code -Dstrophe.fuzz.count=N},
 * so any failure replays exactly.
 */
public final class BadInputs {

    /** The fixed default seed: CI runs the same inputs every time. */
    public static final long DEFAULT_SEED = 0x5EED_7A11L;

    static final List<String> VALID_STANZAS = List.of(
            "<message xmlns='jabber:client' to='bob@example.com/r' id='m1' type='chat'><body>hi &amp; bye</body></message>",
            "<presence><show>away</show><status>out 😀</status><priority>5</priority></presence>",
            "<iq type='get' id='q1'><query xmlns='jabber:iq:roster'><item jid='a@b' name='&lt;A&gt;'/></query></iq>",
            "<stream:features xmlns:stream='http://etherx.jabber.org/streams'><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                    + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>",
            "<?xml version='1.0'?><a xml:lang='en'><![CDATA[<x>]]><!-- c --><b c=\"d\">&#x1F600;&#65;</b></a>",
            "<message><p:x xmlns:p='urn:p'><y/></p:x><z xmlns='urn:z'>t</z></message>");

    static final List<String> VALID_JIDS = List.of("alice@example.org/laptop", "example.org", "a@b", "x@[::1]/r",
            "用户@例子.中国/资源", "a@b.c./d/e@f", "bob@example.com");

    /** Pieces that break, or nearly break, XML and JIDs. */
    static final List<String> SPLICES = List.of("<", ">", "&", "'", "\"", "/", "=", "@", ":", " ", "]]>", "<!--",
            "-->", "<![CDATA[", "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>", "&e;", "&lol9;", "&#0;",
            "&#x1F600;", "&#xD800;", "&#xFFFE;", "&#99999999;", "&#x;", "&amp", "<?pi x?>", "<?xml version='1.0'?>",
            "</a>", "<a>", "<a/>", "xmlns='urn:x'", "xmlns:p='urn:p'", "p:", "xml:lang='x'", "\u0000", "\u0001",
            "\u0008", "\u000B", "\u000C", "\u001F", "\u007F", "\u0085", "\uD800", "\uDC00", "\uDBFF\uDFFF", "\uFFFE",
            "\uFFFF", "\uFFFD", "\u200B", "\u202E", "\t", "\r\n", "😀", "[", "]", "::", "..");

    private BadInputs() {
    }

    /** @return the seed of this run (printed by the tests) */
    public static long seed() {
        return Long.getLong("strophe.fuzz.seed", DEFAULT_SEED);
    }

    /** @return inputs per target: 100,000 unless {@code -Dstrophe.fuzz.count} says otherwise */
    public static int count() {
        return Integer.getInteger("strophe.fuzz.count", 100_000);
    }

    /**
     * @param r the random source
     * @return a stanza-like text: usually a mutated valid stanza, sometimes random bytes or nesting
     */
    public static String xml(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> decodedBytes(r, 1 + r.nextInt(200));
            case 1 -> nested(r, 1 + r.nextInt(XmlParser.MAX_DEPTH + 20), r.nextBoolean());
            case 2 -> randomMarkup(r);
            default -> mutate(r, VALID_STANZAS.get(r.nextInt(VALID_STANZAS.size())));
        };
    }

    /**
     * @param r the random source
     * @return a JID-like text
     */
    public static String jid(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> decodedBytes(r, 1 + r.nextInt(40));
            case 1 -> text(r, 1 + r.nextInt(30));
            case 2 -> "a@" + "b".repeat(1020 + r.nextInt(8)) + "/r";
            default -> mutate(r, VALID_JIDS.get(r.nextInt(VALID_JIDS.size())));
        };
    }

    /**
     * @param r the random source
     * @param maxLength the longest
     * @return short text for names, values and bodies: often plain, sometimes hostile
     */
    public static String text(SplittableRandom r, int maxLength) {
        int n = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n);
        while (sb.length() < n) {
            switch (r.nextInt(8)) {
                case 0 -> sb.append(SPLICES.get(r.nextInt(SPLICES.size())));
                case 1 -> sb.append((char) r.nextInt(0x20));
                case 2 -> sb.appendCodePoint(r.nextInt(0x110000));
                default -> sb.append((char) ('a' + r.nextInt(26)));
            }
        }
        return sb.toString();
    }

    /** Random bytes, many of them invalid UTF-8, decoded the lenient way: U+FFFD where they are broken. */
    static String decodedBytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(4);
            b[i] = (byte) (kind == 0 ? 0x80 + r.nextInt(0x80) : kind == 1 ? "<>&'\"/=@a ".charAt(r.nextInt(10)) : r.nextInt(256));
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Elements nested {@code depth} deep, closed or left open. */
    public static String nested(SplittableRandom r, int depth, boolean closed) {
        StringBuilder sb = new StringBuilder(depth * 8);
        for (int i = 0; i < depth; i++) {
            sb.append("<e>");
        }
        sb.append(r == null ? "x" : text(r, 3));
        for (int i = 0; closed && i < depth; i++) {
            sb.append("</e>");
        }
        return sb.toString();
    }

    private static String randomMarkup(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + r.nextInt(12);
        for (int i = 0; i < parts; i++) {
            sb.append(r.nextInt(3) == 0 ? text(r, 6) : SPLICES.get(r.nextInt(SPLICES.size())));
        }
        return sb.toString();
    }

    /** One to four edits: deletions, duplications, splices of tricky pieces, swapped characters. */
    static String mutate(SplittableRandom r, String valid) {
        StringBuilder sb = new StringBuilder(valid);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = sb.length() == 0 ? 0 : r.nextInt(sb.length() + 1);
            switch (r.nextInt(5)) {
                case 0 -> {
                    if (at < sb.length()) {
                        sb.delete(at, Math.min(sb.length(), at + 1 + r.nextInt(4)));
                    }
                }
                case 1 -> sb.insert(at, SPLICES.get(r.nextInt(SPLICES.size())));
                case 2 -> sb.insert(at, (char) r.nextInt(0x20));
                case 3 -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, (char) r.nextInt(0x10000));
                    }
                }
                default -> {
                    int from = r.nextInt(sb.length() + 1);
                    int to = Math.min(sb.length(), from + r.nextInt(20));
                    sb.insert(at, sb.substring(from, to));
                }
            }
        }
        return sb.toString();
    }

    /**
     * @param s an input
     * @return it with every character outside printable ASCII as a \\uXXXX escape, for failure messages
     */
    public static String show(String s) {
        StringBuilder sb = new StringBuilder();
        String cut = s.length() > 300 ? s.substring(0, 300) : s;
        for (char c : cut.toCharArray()) {
            if (c >= 0x20 && c < 0x7F) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04X", (int) c));
            }
        }
        return sb + (s.length() > 300 ? "...(" + s.length() + " chars)" : "");
    }
}
