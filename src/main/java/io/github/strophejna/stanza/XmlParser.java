package io.github.strophejna.stanza;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict parser for one XML element, the subset XMPP uses: elements, attributes, namespaces, text,
 * the five named entities, character references, CDATA and comments. No DTDs (so no entity expansion
 * attacks), no processing instructions inside. Written for speed on libstrophe's serialised stanzas and for
 * clear errors on user input. Not thread-safe; one instance parses one string.
 */
final class XmlParser {

    /** Deeper than any real stanza; guards the stack against hostile nesting. */
    static final int MAX_DEPTH = 256;
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    private final String in;
    private int pos;

    XmlParser(String in) {
        this.in = in;
    }

    Stanza parseDocument() {
        skipProlog();
        if (pos >= in.length() || in.charAt(pos) != '<') {
            throw error(pos >= in.length() ? "no element" : "text before the element");
        }
        Stanza root = parseElement(null, Map.of(), 0);
        skipMisc();
        if (pos < in.length()) {
            throw error("content after the end of the element");
        }
        return root;
    }

    private void skipProlog() {
        skipWhitespace();
        if (in.startsWith("<?xml", pos)) {
            int end = in.indexOf("?>", pos);
            if (end < 0) {
                throw error("unterminated XML declaration");
            }
            pos = end + 2;
        }
        skipMisc();
        if (in.startsWith("<!DOCTYPE", pos)) {
            throw error("a DOCTYPE is not allowed in XMPP");
        }
    }

    private void skipMisc() {
        while (true) {
            skipWhitespace();
            if (in.startsWith("<!--", pos)) {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        int end = in.indexOf("-->", pos + 4);
        if (end < 0) {
            throw error("unterminated comment");
        }
        pos = end + 3;
    }

    private void skipWhitespace() {
        while (pos < in.length() && isWhitespace(in.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private Stanza parseElement(String parentNs, Map<String, String> prefixes, int depth) {
        if (depth >= MAX_DEPTH) {
            throw error("elements nested deeper than the depth limit of " + MAX_DEPTH + " levels");
        }
        int start = pos;
        pos++; // '<'
        String qname = readName("element name");
        Map<String, String> attrs = new LinkedHashMap<>();
        Map<String, String> scope = prefixes;
        String defaultNs = parentNs;
        while (true) {
            boolean spaced = pos < in.length() && isWhitespace(in.charAt(pos));
            skipWhitespace();
            if (pos >= in.length()) {
                throw error("unterminated start tag <" + qname);
            }
            char c = in.charAt(pos);
            if (c == '/' || c == '>') {
                break;
            }
            if (!spaced) {
                throw error("missing space before attribute in <" + qname);
            }
            String attr = readName("attribute name");
            skipWhitespace();
            expect('=', "'=' after attribute " + attr);
            skipWhitespace();
            String value = readAttributeValue(attr);
            if (attr.equals("xmlns")) {
                defaultNs = value.isEmpty() ? null : value;
            } else if (attr.startsWith("xmlns:")) {
                if (scope == prefixes) {
                    scope = new HashMap<>(prefixes);
                }
                scope.put(attr.substring(6), value);
            } else if (attrs.put(attr, value) != null) {
                throw error("duplicate attribute " + attr + " in <" + qname + ">");
            }
        }
        String name = qname;
        String ns = defaultNs;
        int colon = qname.indexOf(':');
        if (colon > 0) {
            String prefix = qname.substring(0, colon);
            String bound = prefix.equals("xml") ? XML_NS : scope.get(prefix);
            if (bound == null) {
                throw errorAt("undeclared namespace prefix '" + prefix + "' on <" + qname + ">", start);
            }
            name = qname.substring(colon + 1);
            ns = bound;
        }
        for (String attr : attrs.keySet()) {
            int c = attr.indexOf(':');
            if (c > 0 && !attr.startsWith("xml:") && !scope.containsKey(attr.substring(0, c))) {
                throw errorAt("undeclared namespace prefix on attribute " + attr, start);
            }
            String problem = XmlChars.nameProblem(attr, true);
            if (problem != null) {
                // a prefixed attribute would lose its namespace here, and so change meaning when sent on
                throw errorAt("attribute " + XmlChars.printable(attr) + " " + problem, start);
            }
        }
        int prefixEnd = qname.indexOf(':');
        String elementProblem = XmlChars.nameProblem(prefixEnd > 0 ? qname.substring(prefixEnd + 1) : qname, false);
        if (elementProblem == null && prefixEnd > 0) {
            elementProblem = XmlChars.nameProblem(qname.substring(0, prefixEnd), false);
        }
        if (elementProblem != null) {
            throw errorAt("element name " + XmlChars.printable(qname) + " " + elementProblem, start);
        }
        List<Node> children = new ArrayList<>();
        if (in.charAt(pos) == '/') {
            pos++;
            expect('>', "'>' after '/' in <" + qname);
            return new Stanza(name, ns, attrs, children);
        }
        pos++; // '>'
        String childDefault = defaultNs; // children inherit the default namespace, whatever prefix this element used
        StringBuilder text = null;
        while (true) {
            if (pos >= in.length()) {
                throw error("unterminated element <" + qname + ">");
            }
            char c = in.charAt(pos);
            if (c == '<') {
                if (in.startsWith("</", pos)) {
                    pos += 2;
                    String end = readName("end tag name");
                    if (!end.equals(qname)) {
                        throw error("end tag </" + end + "> does not match <" + qname + ">");
                    }
                    skipWhitespace();
                    expect('>', "'>' to close </" + end);
                    break;
                } else if (in.startsWith("<!--", pos)) {
                    skipComment();
                } else if (in.startsWith("<![CDATA[", pos)) {
                    int endCdata = in.indexOf("]]>", pos + 9);
                    if (endCdata < 0) {
                        throw error("unterminated CDATA section");
                    }
                    text = appendText(text, children, in.substring(pos + 9, endCdata), pos + 9);
                    pos = endCdata + 3;
                } else if (in.startsWith("<?", pos) || in.startsWith("<!", pos)) {
                    throw error("processing instructions and declarations are not allowed inside a stanza");
                } else {
                    flush(text, children);
                    text = null;
                    children.add(parseElement(childDefault, scope, depth + 1));
                }
            } else {
                text = readText(text);
            }
        }
        flush(text, children);
        return new Stanza(name, ns, attrs, children);
    }

    private StringBuilder appendText(StringBuilder text, List<Node> children, String raw, int at) {
        for (int i = 0; i < raw.length(); i++) {
            checkChar(raw, i, at + i);
        }
        StringBuilder sb = text == null ? new StringBuilder() : text;
        sb.append(raw);
        return sb;
    }

    private static void flush(StringBuilder text, List<Node> children) {
        if (text != null && text.length() > 0) {
            children.add(new Text(text.toString()));
        }
    }

    private StringBuilder readText(StringBuilder text) {
        // sized for the plain run ahead (a body, usually all of it): no regrowth copies
        StringBuilder sb = text == null ? new StringBuilder(plainRun(pos, '<') - pos + 16) : text;
        while (pos < in.length()) {
            int plain = plainRun(pos, '<');
            if (plain > pos) {
                sb.append(in, pos, plain); // the common case, checked and copied a run at a time
                pos = plain;
                continue;
            }
            char c = in.charAt(pos);
            if (c == '<') {
                break;
            }
            if (c == '&') {
                readReference(sb);
                continue;
            }
            if (c == '>' && pos >= 2 && in.startsWith("]]>", pos - 2)) {
                throw error("']]>' is not allowed in text");
            }
            checkChar(in, pos, pos);
            sb.append(c);
            pos++;
        }
        return sb;
    }

    private String readAttributeValue(String attr) {
        if (pos >= in.length() || (in.charAt(pos) != '"' && in.charAt(pos) != '\'')) {
            throw error("attribute " + attr + " has no quoted value");
        }
        char quote = in.charAt(pos++);
        int plain = plainRun(pos, quote);
        if (plain < in.length() && in.charAt(plain) == quote) {
            String value = in.substring(pos, plain); // nothing to decode or normalise: most values
            pos = plain + 1;
            return value;
        }
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= in.length()) {
                throw error("unterminated value of attribute " + attr);
            }
            char c = in.charAt(pos);
            if (c == quote) {
                pos++;
                return sb.toString();
            }
            if (c == '<') {
                throw error("'<' in the value of attribute " + attr);
            }
            if (c == '&') {
                readReference(sb);
                continue;
            }
            checkChar(in, pos, pos);
            // attribute-value normalisation: literal whitespace becomes a space
            sb.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
            pos++;
        }
    }

    /**
     * @return the end of the run from {@code from} of characters that need nothing done: allowed in XML, no
     *         markup, no reference, no whitespace to normalise, no surrogate to pair, not {@code stop}
     */
    private int plainRun(int from, char stop) {
        int i = from;
        while (i < in.length()) {
            char c = in.charAt(i);
            if (c < 0x20 || c >= 0xD800 || c == '<' || c == '&' || c == '>' || c == stop) {
                return i;
            }
            i++;
        }
        return i;
    }

    private void readReference(StringBuilder out) {
        int semi = in.indexOf(';', pos);
        if (semi < 0 || semi - pos > 12) {
            throw error("'&' that does not start an entity (write &amp;)");
        }
        String ref = in.substring(pos + 1, semi);
        switch (ref) {
            case "amp" -> out.append('&');
            case "lt" -> out.append('<');
            case "gt" -> out.append('>');
            case "quot" -> out.append('"');
            case "apos" -> out.append('\'');
            default -> {
                if (!ref.startsWith("#")) {
                    throw error("unknown entity &" + ref + ";");
                }
                int cp;
                try {
                    cp = ref.startsWith("#x") ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1));
                } catch (NumberFormatException e) {
                    throw error("bad character reference &" + ref + ";");
                }
                if (!XmlChars.isXmlChar(cp)) {
                    throw error("character reference &" + ref + "; is not a character XML allows");
                }
                out.appendCodePoint(cp);
            }
        }
        pos = semi + 1;
    }

    private void checkChar(String s, int i, int at) {
        char c = s.charAt(i);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            throw errorAt("control character U+" + String.format("%04X", (int) c) + " is not allowed in XML", at);
        }
        if (c == 0xFFFE || c == 0xFFFF) {
            throw errorAt("U+" + String.format("%04X", (int) c) + " is not allowed in XML", at);
        }
        if (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))) {
            throw errorAt("a lone surrogate is not text", at);
        }
        if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
            throw errorAt("a lone surrogate is not text", at);
        }
    }

    private String readName(String what) {
        int start = pos;
        if (pos >= in.length() || !XmlChars.isNameStart(in.charAt(pos))) {
            throw error("expected " + what);
        }
        pos++;
        while (pos < in.length() && XmlChars.isNameChar(in.charAt(pos))) {
            pos++;
        }
        return in.substring(start, pos);
    }

    private void expect(char c, String what) {
        if (pos >= in.length() || in.charAt(pos) != c) {
            throw error("expected " + what);
        }
        pos++;
    }

    private StanzaParseException error(String message) {
        return errorAt(message, pos);
    }

    private StanzaParseException errorAt(String message, int at) {
        return new StanzaParseException("malformed XML: " + message, at);
    }
}
