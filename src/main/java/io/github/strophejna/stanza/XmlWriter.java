package io.github.strophejna.stanza;

import java.util.Map;
import java.util.Objects;

/** Writes elements as XML: namespaces as default declarations where they change, everything escaped. */
final class XmlWriter {

    private XmlWriter() {
    }

    static void write(Stanza s, String parentNamespace, StringBuilder out) {
        out.append('<').append(s.name());
        if (s.namespace() != null && !Objects.equals(s.namespace(), parentNamespace)) {
            out.append(" xmlns=\"");
            escape(s.namespace(), true, out);
            out.append('"');
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
        String ns = s.namespace() != null ? s.namespace() : parentNamespace;
        for (Node n : s.children()) {
            if (n instanceof Stanza child) {
                write(child, ns, out);
            } else {
                escape(((Text) n).value(), false, out);
            }
        }
        out.append("</").append(s.name()).append('>');
    }

    /** Escapes markup; in attributes also quotes and the whitespace that attribute normalisation would lose. */
    static void escape(String text, boolean attribute, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(c);
            }
        }
    }
}
