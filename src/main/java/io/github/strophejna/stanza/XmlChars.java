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

    static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':' || c > 0x7F;
    }

    static boolean isNameChar(char c) {
        return isNameStart(c) || Character.isDigit(c) || c == '-' || c == '.';
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

    static String requireName(String name, String what) {
        if (name == null) {
            throw new NullPointerException(what);
        }
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            throw new IllegalArgumentException("invalid " + what + ": '" + name + "'");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                throw new IllegalArgumentException("invalid " + what + ": '" + name + "'");
            }
        }
        return name;
    }
}
