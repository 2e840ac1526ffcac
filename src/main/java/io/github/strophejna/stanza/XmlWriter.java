package io.github.strophejna.stanza;

import java.util.Map;
import java.util.Objects;

/** Writes elements as XML: namespaces as default declarations where they change, everything escaped. */
final class XmlWriter {

    private XmlWriter() {
    }

    static void write(Stanza s, String parentNamespace, StringBuilder out) {
        writePretty(s, parentNamespace, null, out);
    }

    /**
     * Writes an element; with an indent (not null), an element holding only elements puts each child on its
     * own line, one step deeper. Text keeps its element on one line, so no whitespace is added to it.
     */
    static void writePretty(Stanza s, String parentNamespace, String indent, StringBuilder out) {
        out.append('<').append(s.name());
        if (s.namespace() != null && !Objects.equals(s.namespace(), parentNamespace)) {
            out.append(" xmlns=\"");
            escape(s.namespace(), true, out);
            out.append('"');
        } else if (s.namespace() == null && parentNamespace != null) {
            out.append(" xmlns=\"\""); // no namespace under one that has: say so, or it would inherit the parent's
        }
        for (Map.Entry<String, String> a : s.attributes().entrySet()) {
            out.append(' ').append(a.getKey()).append("=\"");
            escape(a.getValue(), true, out);
            out.append('"');
        }
        if (s.children().isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        String ns = s.namespace();
        boolean nested = indent != null && s.children().stream().allMatch(n -> n instanceof Stanza);
        for (Node n : s.children()) {
            if (n instanceof Stanza child) {
                if (nested) {
                    out.append('\n').append(indent).append("  ");
                }
                writePretty(child, ns, nested ? indent + "  " : null, out);
            } else {
                escape(((Text) n).value(), false, out);
            }
        }
        if (nested) {
            out.append('\n').append(indent);
        }
        out.append("</").append(s.name()).append('>');
    }

    /** Escapes markup; in attributes also quotes and the whitespace that attribute normalisation would lose. */
    static void escape(String text, boolean attribute, StringBuilder out) {
        int run = 0; // start of the characters not yet copied: copied a run at a time, most text has nothing to escape
        for (int i = 0; i < text.length(); i++) {
            String replacement = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> attribute ? "&quot;" : null;
                case '\'' -> attribute ? "&apos;" : null;
                case '\n' -> attribute ? "&#10;" : null;
                case '\r' -> "&#13;";
                case '\t' -> attribute ? "&#9;" : null;
                default -> null;
            };
            if (replacement != null) {
                out.append(text, run, i).append(replacement);
                run = i + 1;
            }
        }
        out.append(text, run, text.length());
    }
}
