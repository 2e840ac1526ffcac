package io.github.strophejna.stanza;

import java.text.Normalizer;

/**
 * Which characters each part of a JID may hold, after RFC 7622's PRECIS profiles (RFC 8264, 8265) and IDNA2008,
 * as far as the JDK's own Unicode tables decide it: the derived-property tables of those RFCs are not shipped,
 * so a character's general category, directionality and compatibility decomposition stand in for them, as the
 * RFCs derive them. The Unicode version is the running JDK's.
 *
 * <p>Every part: no controls, surrogates, noncharacters, unassigned or private-use code points, no U+FFFD (what
 * a decoder puts for bytes that were not valid UTF-8), no format characters (bidi controls, zero-width space,
 * byte-order mark; the two join controls are let through), no other invisible default-ignorables, no line or
 * paragraph separators, no conjoining Hangul jamo. The localpart (IdentifierClass) also refuses spaces, ASCII
 * {@code " & ' / : < > @}, and beyond ASCII everything but letters, marks and digits, compatibility characters
 * included; the domain's labels hold letters, marks, digits, '-' and '_' and do not start or end with '-'; the
 * resourcepart (FreeformClass) takes spaces, symbols and punctuation. A localpart or domain label that holds
 * right-to-left characters must satisfy the Bidi Rule (RFC 5893).
 *
 * <p>Each check returns null or what is wrong, for {@link Jid}'s message. ASCII costs a comparison or two a
 * character: the normalizer's tables are loaded only for a part with characters beyond ASCII.
 */
final class JidCharacters {

    private static final String LOCAL_FORBIDDEN = "\"&'/:<>@";

    private JidCharacters() {
    }

    /** @return what is wrong with the localpart, or null */
    static String localpartProblem(String part) {
        for (int i = 0; i < part.length(); ) {
            int cp = part.codePointAt(i);
            i += Character.charCount(cp);
            String problem = cp < 0x80 ? asciiLocalProblem(cp) : nonAsciiLocalProblem(cp);
            if (problem != null) {
                return problem;
            }
        }
        return bidiProblem(part);
    }

    /** @return what is wrong with the resourcepart, or null */
    static String resourcepartProblem(String part) {
        for (int i = 0; i < part.length(); ) {
            int cp = part.codePointAt(i);
            i += Character.charCount(cp);
            String problem = cp < 0x80 ? (cp < 0x20 || cp == 0x7F ? control(cp) : null) : everyPartProblem(cp);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** @return what is wrong with one label of a domain name (not an IP literal), or null */
    static String domainLabelProblem(String label) {
        for (int i = 0; i < label.length(); ) {
            int cp = label.codePointAt(i);
            i += Character.charCount(cp);
            String problem;
            if (cp < 0x80) {
                problem = isAsciiLetterOrDigit(cp) || cp == '-' || cp == '_' ? null
                        : cp < 0x20 || cp == 0x7F ? control(cp) : "'" + (char) cp + "'";
            } else {
                problem = everyPartProblem(cp);
                if (problem == null && !isJoinControl(cp) && !isLetterDigit(Character.getType(cp))) {
                    problem = describe(cp) + " (beyond ASCII a domain holds letters, marks and digits)";
                }
            }
            if (problem != null) {
                return problem;
            }
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            return "a label that starts or ends with '-'";
        }
        return bidiProblem(label);
    }

    private static String asciiLocalProblem(int cp) {
        if (cp < 0x20 || cp == 0x7F) {
            return control(cp);
        }
        if (cp == ' ') {
            return "a space";
        }
        return LOCAL_FORBIDDEN.indexOf(cp) >= 0 ? "'" + (char) cp + "'" : null;
    }

    private static String nonAsciiLocalProblem(int cp) {
        String problem = everyPartProblem(cp);
        if (problem != null || isJoinControl(cp)) {
            return problem;
        }
        // the profile maps full- and half-width forms to their usual width and lower-cases before it checks
        int mapped = cp >= 0xFF00 && cp <= 0xFFEF ? nfkc(cp).codePointAt(0) : cp;
        if (mapped < 0x80) {
            return asciiLocalProblem(mapped);
        }
        int lower = Character.toLowerCase(mapped);
        if (isExceptionallyValid(lower)) {
            return null;
        }
        if (isExceptionallyDisallowed(lower)) {
            return describe(cp);
        }
        int type = Character.getType(lower);
        if (type == Character.SPACE_SEPARATOR) {
            return "a space (" + hex(cp) + ")";
        }
        if (!isLetterDigit(type)) {
            return describe(cp) + " (beyond ASCII a localpart holds letters, marks and digits)";
        }
        String s = new String(Character.toChars(lower));
        if (!Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
            return "the compatibility character " + hex(cp) + " (write " + nfkc(lower) + " instead)";
        }
        return null;
    }

    /** The rules every part shares, for a character beyond ASCII. */
    private static String everyPartProblem(int cp) {
        if (cp == 0xFFFD) {
            return "U+FFFD, the replacement character (the text was not valid UTF-8, or was decoded as another"
                    + " encoding)";
        }
        if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) {
            return "the noncharacter " + hex(cp);
        }
        int type = Character.getType(cp);
        switch (type) {
            case Character.CONTROL:
                return control(cp);
            case Character.SURROGATE:
                return "a lone surrogate (" + hex(cp) + ")";
            case Character.UNASSIGNED:
                return "the unassigned code point " + hex(cp);
            case Character.PRIVATE_USE:
                return "the private-use character " + hex(cp);
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return "the line or paragraph separator " + hex(cp);
            case Character.FORMAT:
                return isJoinControl(cp) ? null : "the invisible format character " + hex(cp);
            default:
                break;
        }
        if (isOtherDefaultIgnorable(cp)) {
            return "the invisible character " + hex(cp);
        }
        if (isConjoiningJamo(cp)) {
            return "the conjoining Hangul jamo " + hex(cp) + " (write the composed syllable)";
        }
        return null;
    }

    /**
     * The Bidi Rule for a string with right-to-left characters (RFC 5893 section 2, rules 1 to 4): it starts
     * with a right-to-left letter, holds no left-to-right ones, ends with a letter or digit (and marks), and does
     * not mix European and Arabic digits. Strings without right-to-left characters are not checked (RFC 8265).
     */
    private static String bidiProblem(String s) {
        boolean rtl = false;
        for (int i = 0; i < s.length() && !rtl; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            byte d = Character.getDirectionality(cp);
            rtl = d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                    || d == Character.DIRECTIONALITY_ARABIC_NUMBER;
        }
        if (!rtl) {
            return null;
        }
        byte first = Character.getDirectionality(s.codePointAt(0));
        if (first != Character.DIRECTIONALITY_RIGHT_TO_LEFT && first != Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
            return "right-to-left text that does not start with a right-to-left letter (the Bidi Rule)";
        }
        boolean european = false;
        boolean arabic = false;
        byte last = first;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            byte d = Character.getDirectionality(cp);
            switch (d) {
                case Character.DIRECTIONALITY_EUROPEAN_NUMBER -> european = true;
                case Character.DIRECTIONALITY_ARABIC_NUMBER -> arabic = true;
                case Character.DIRECTIONALITY_RIGHT_TO_LEFT, Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC,
                        Character.DIRECTIONALITY_EUROPEAN_NUMBER_SEPARATOR,
                        Character.DIRECTIONALITY_EUROPEAN_NUMBER_TERMINATOR,
                        Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR, Character.DIRECTIONALITY_OTHER_NEUTRALS,
                        Character.DIRECTIONALITY_BOUNDARY_NEUTRAL, Character.DIRECTIONALITY_NONSPACING_MARK -> {
                }
                default -> {
                    return "right-to-left text with the left-to-right or neutral character " + hex(cp)
                            + " (the Bidi Rule)";
                }
            }
            if (d != Character.DIRECTIONALITY_NONSPACING_MARK) {
                last = d;
            }
        }
        if (european && arabic) {
            return "right-to-left text with both European and Arabic digits (the Bidi Rule)";
        }
        if (last != Character.DIRECTIONALITY_RIGHT_TO_LEFT && last != Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                && last != Character.DIRECTIONALITY_EUROPEAN_NUMBER && last != Character.DIRECTIONALITY_ARABIC_NUMBER) {
            return "right-to-left text that does not end with a letter or digit (the Bidi Rule)";
        }
        return null;
    }

    /** PRECIS's LetterDigits: the categories both classes take beyond ASCII. */
    private static boolean isLetterDigit(int type) {
        return type == Character.LOWERCASE_LETTER || type == Character.UPPERCASE_LETTER
                || type == Character.OTHER_LETTER || type == Character.MODIFIER_LETTER
                || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.DECIMAL_DIGIT_NUMBER;
    }

    /** RFC 5892's exceptions that are valid whatever their category (final sigma, sharp s, Tibetan tsheg, ...). */
    private static boolean isExceptionallyValid(int cp) {
        return cp == 0x00DF || cp == 0x03C2 || cp == 0x06FD || cp == 0x06FE || cp == 0x0F0B || cp == 0x3007
                || cp == 0x00B7 || cp == 0x0375 || cp == 0x05F3 || cp == 0x05F4 || cp == 0x30FB;
    }

    /** RFC 5892's exceptions that are refused although they are letters (tatweel, vertical kana repeat marks). */
    private static boolean isExceptionallyDisallowed(int cp) {
        return cp == 0x0640 || cp == 0x07FA || cp == 0x302E || cp == 0x302F || (cp >= 0x3031 && cp <= 0x3035)
                || cp == 0x303B;
    }

    /** Default-ignorable code points that are not format characters: variation selectors, fillers. */
    private static boolean isOtherDefaultIgnorable(int cp) {
        return cp == 0x034F || cp == 0x17B4 || cp == 0x17B5 || (cp >= 0x180B && cp <= 0x180F) || cp == 0x3164
                || cp == 0xFFA0 || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    /** PRECIS's OldHangulJamo: the jamo that only compose syllables (Hangul_Syllable_Type L, V, T). */
    private static boolean isConjoiningJamo(int cp) {
        return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF);
    }

    /**
     * Zero-width non-joiner and joiner: they belong in words of some scripts (Persian, Indic), where PRECIS lets
     * them through in context; that context needs the joining-type tables, so they are let through anywhere.
     */
    private static boolean isJoinControl(int cp) {
        return cp == 0x200C || cp == 0x200D;
    }

    private static boolean isAsciiLetterOrDigit(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }

    private static String nfkc(int cp) {
        return Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
    }

    private static String control(int cp) {
        return "the control character " + hex(cp);
    }

    private static String describe(int cp) {
        return "'" + new String(Character.toChars(cp)) + "' (" + hex(cp) + ")";
    }

    private static String hex(int cp) {
        return String.format("U+%04X", cp);
    }
}
