package io.github.strophejna.stanza;

/** What XML 1.0 allows in names and text; the builders reject the rest before anything is sent. */
final class XmlChars {

    private XmlChars() {
    }

    /** XML 1.0's Char production. */
    static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /**
     * A name's first character. Not all of XML 1.0 fifth edition: expat, the parser of libstrophe and of most
     * servers, still follows the fourth edition's Unicode 2.0 tables and ends the stream on a name outside
     * them (seen with U+207D, CJK Extension A, Yi, NKo and anything beyond the BMP). So: ASCII, the Latin-1
     * letters, CJK unified ideographs and Hangul syllables, all letters in both editions.
     */
    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0xFF)
                || (c >= 0x4E00 && c <= 0x9FA5) || (c >= 0xAC00 && c <= 0xD7A3);
    }

    /** A name's other characters: {@link #isNameStart} plus digits, '-', '.' and the middle dot. */
    static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == 0xB7;
    }

    /**
     * Why a name read by {@link #isNameStart}/{@link #isNameChar} is still not one, or null: a surrogate
     * not in a pair, or a prefix this model cannot keep (only {@code xml:} is known without a declaration,
     * and declarations are not kept).
     *
     * @param name the name
     * @param prefixAllowed whether {@code xml:} may prefix it (attributes)
     */
    static String nameProblem(String name, boolean prefixAllowed) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "holds a lone surrogate";
            }
        }
        int colon = name.indexOf(':');
        if (colon < 0) {
            return null;
        }
        if (!prefixAllowed) {
            return "has a prefix (give the local name, and the namespace with namespace())";
        }
        if (colon != 3 || !name.startsWith("xml:") || name.length() == 4 || !isNameStart(name.charAt(4))
                || name.indexOf(':', 4) >= 0) {
            return "has a prefix other than xml: (only xml: is kept without a declaration)";
        }
        return null;
    }

    static String requireText(String text, String what) {
        if (text == null) {
            throw new NullPointerException(what);
        }
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!isXmlChar(cp) || (Character.isSurrogate((char) cp) && cp < 0x10000)) {
                throw new IllegalArgumentException(what + " holds U+" + String.format("%04X", cp)
                        + ", which XML does not allow");
            }
            i += Character.charCount(cp);
        }
        return text;
    }

    /**
     * @param name an element's local name or an attribute's name
     * @param what which, for the message ("element name", "attribute name")
     * @param prefixAllowed whether {@code xml:} may prefix it
     * @return the name
     */
    static String requireName(String name, String what, boolean prefixAllowed) {
        if (name == null) {
            throw new NullPointerException(what);
        }
        boolean chars = !name.isEmpty() && isNameStart(name.charAt(0));
        for (int i = 1; chars && i < name.length(); i++) {
            chars = isNameChar(name.charAt(i));
        }
        String problem = chars ? nameProblem(name, prefixAllowed)
                : "is not a name this library sends (ASCII, Latin-1 letters, CJK or Hangul; see XmlChars)";
        if (problem != null) {
            throw new IllegalArgumentException("invalid " + what + " '" + printable(name) + "': it " + problem);
        }
        return name;
    }

    /**
     * The text with characters that would garble a message (controls, lone surrogates, and invisible format
     * characters such as bidi overrides, which reorder what a terminal shows) as U+XXXX.
     */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    : Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (Character.isISOControl(c) || (Character.isSurrogate(c) && !paired) || c == 0xFFFE || c == 0xFFFF
                    || Character.getType(c) == Character.FORMAT) {
                sb.append(String.format("U+%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
