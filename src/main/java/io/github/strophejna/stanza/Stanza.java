package io.github.strophejna.stanza;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An XML element: a whole stanza ({@code <message/>}, {@code <presence/>}, {@code <iq/>}) or any element
 * inside one. Immutable and thread-safe; {@link #builder(String)} and {@link #toBuilder()} make new ones.
 *
 * <p>The namespace is the element's resolved namespace URI (null when none is declared: a top-level stanza
 * then belongs to the stream's {@code jabber:client}). Prefixes are not kept: {@link #toXml()} writes
 * namespaces as default-namespace declarations where they change. Attributes keep their order and their
 * qualified names ({@code xml:lang}); namespace declarations are not attributes.
 *
 * <p>For the common stanzas, the views {@link Message}, {@link Presence} and {@link Iq} read and build
 * their fields by name.
 */
public final class Stanza implements Node {

    private final String name;
    private final String namespace;
    private final Map<String, String> attributes;
    private final List<Node> children;
    /** Levels of elements, this one included: kept so that nothing deeper than the parser's limit is built. */
    private final int depth;

    Stanza(String name, String namespace, Map<String, String> attributes, List<Node> children) {
        this.name = name;
        this.namespace = namespace;
        this.attributes = Collections.unmodifiableMap(attributes);
        this.children = Collections.unmodifiableList(children);
        int deepest = 0;
        for (Node n : children) {
            if (n instanceof Stanza s) {
                deepest = Math.max(deepest, s.depth);
            }
        }
        this.depth = deepest + 1;
    }

    /**
     * Parses one XML element (surrounding whitespace and an XML declaration are allowed; DTDs are not).
     *
     * @param xml the text
     * @return the element
     * @throws StanzaParseException when it is not one well-formed element, saying where
     */
    public static Stanza parse(String xml) {
        return new XmlParser(Objects.requireNonNull(xml, "xml")).parseDocument();
    }

    /**
     * A builder for a new element.
     *
     * @param name its local name, e.g. "message"
     * @return the builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a builder holding this element's name, namespace, attributes and children */
    public Builder toBuilder() {
        Builder b = new Builder(name).namespace(namespace);
        b.attributes.putAll(attributes);
        b.children.addAll(children);
        return b;
    }

    /** @return the local name */
    public String name() {
        return name;
    }

    /** @return the namespace URI, or null when none is declared */
    public String namespace() {
        return namespace;
    }

    /** @return the attributes in document order, unmodifiable */
    public Map<String, String> attributes() {
        return attributes;
    }

    /**
     * @param attributeName a qualified attribute name
     * @return its value, or null
     */
    public String attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    /** @return the {@code id} attribute, or null */
    public String id() {
        return attributes.get("id");
    }

    /** @return the {@code type} attribute, or null */
    public String type() {
        return attributes.get("type");
    }

    /** @return the {@code to} attribute, or null */
    public String to() {
        return attributes.get("to");
    }

    /** @return the {@code from} attribute, or null */
    public String from() {
        return attributes.get("from");
    }

    /** @return the children (elements and text) in order, unmodifiable */
    public List<Node> children() {
        return children;
    }

    /** @return the child elements in order */
    public List<Stanza> elements() {
        List<Stanza> out = new ArrayList<>();
        for (Node n : children) {
            if (n instanceof Stanza s) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * @param childName a local name
     * @return the first child element with that name, or null
     */
    public Stanza child(String childName) {
        for (Node n : children) {
            if (n instanceof Stanza s && s.name.equals(childName)) {
                return s;
            }
        }
        return null;
    }

    /**
     * @param childName a local name, or null for any
     * @param childNamespace a namespace URI
     * @return the first child element with that name and namespace, or null
     */
    public Stanza child(String childName, String childNamespace) {
        for (Node n : children) {
            if (n instanceof Stanza s && (childName == null || s.name.equals(childName))
                    && Objects.equals(s.namespace, childNamespace)) {
                return s;
            }
        }
        return null;
    }

    /** @return the element's own text (its text children joined), empty when it has none */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Node n : children) {
            if (n instanceof Text t) {
                sb.append(t.value());
            }
        }
        return sb.toString();
    }

    /**
     * @param childName a local name
     * @return the text of the first child element with that name, or null when there is none
     */
    public String childText(String childName) {
        Stanza c = child(childName);
        return c == null ? null : c.text();
    }

    /** @return the element as XML text */
    public String toXml() {
        StringBuilder sb = new StringBuilder(128);
        XmlWriter.write(this, null, sb);
        return sb.toString();
    }

    /**
     * The element as XML for people: each element that holds only elements puts its children on their own
     * lines, indented; text is left exactly as it is. Parses back to an equal element except for the added
     * whitespace between elements.
     *
     * @return the indented XML
     */
    public String toPrettyXml() {
        StringBuilder sb = new StringBuilder(256);
        XmlWriter.writePretty(this, null, "", sb);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stanza s && name.equals(s.name) && Objects.equals(namespace, s.namespace)
                && attributes.equals(s.attributes) && children.equals(s.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, attributes, children);
    }

    /** @return {@link #toXml()} */
    @Override
    public String toString() {
        return toXml();
    }

    /** Builds a {@link Stanza}. Not thread-safe; each {@link #build()} returns a new immutable element. */
    public static final class Builder {
        private final String name;
        private String namespace;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<Node> children = new ArrayList<>();

        Builder(String name) {
            this.name = XmlChars.requireName(name, "element name", false);
        }

        /**
         * @param ns the namespace URI, or null to inherit
         * @return this builder
         * @throws IllegalArgumentException when it is empty or holds characters XML does not allow
         */
        public Builder namespace(String ns) {
            if (ns != null && ns.isEmpty()) {
                throw new IllegalArgumentException("an empty namespace is no namespace: give null to inherit the parent's");
            }
            this.namespace = ns == null ? null : XmlChars.requireText(ns, "namespace");
            return this;
        }

        /**
         * Sets an attribute, or removes it when value is null.
         *
         * @param attributeName its name; the only prefix allowed is {@code xml:} (as in {@code xml:lang})
         * @param value its value, or null
         * @return this builder
         */
        public Builder attribute(String attributeName, String value) {
            XmlChars.requireName(attributeName, "attribute name", true);
            if (attributeName.equals("xmlns") || attributeName.startsWith("xmlns:")) {
                throw new IllegalArgumentException("set the namespace with namespace(), not as the attribute " + attributeName);
            }
            if (value == null) {
                attributes.remove(attributeName);
            } else {
                attributes.put(attributeName, XmlChars.requireText(value, "value of attribute " + attributeName));
            }
            return this;
        }

        /**
         * @param child an element to append
         * @return this builder
         * @throws IllegalArgumentException when the result would nest deeper than the parser's depth limit
         *         ({@value XmlParser#MAX_DEPTH} levels)
         */
        public Builder child(Stanza child) {
            if (Objects.requireNonNull(child, "child").depth >= XmlParser.MAX_DEPTH) {
                throw new IllegalArgumentException("the element would nest deeper than the depth limit of "
                        + XmlParser.MAX_DEPTH + " levels");
            }
            children.add(child);
            return this;
        }

        /**
         * Appends text (escaped when written), joined to text appended just before, as parsing would join it.
         *
         * @param text the text
         * @return this builder
         * @throws IllegalArgumentException when it holds characters XML does not allow (most controls, lone surrogates)
         */
        public Builder text(String text) {
            XmlChars.requireText(text, "text");
            if (!text.isEmpty()) {
                int last = children.size() - 1;
                if (last >= 0 && children.get(last) instanceof Text before) {
                    children.set(last, new Text(before.value() + text));
                } else {
                    children.add(new Text(text));
                }
            }
            return this;
        }

        /**
         * Appends a child element holding only text, e.g. {@code <body>hi</body>}.
         *
         * @param childName the child's name
         * @param text its text
         * @return this builder
         */
        public Builder textChild(String childName, String text) {
            return child(new Builder(childName).text(text).build());
        }

        /**
         * Removes the child elements with this name (and namespace, when not null).
         *
         * @param childName a local name
         * @param childNamespace a namespace URI, or null for any
         * @return this builder
         */
        public Builder removeChildren(String childName, String childNamespace) {
            Objects.requireNonNull(childName, "childName");
            children.removeIf(n -> n instanceof Stanza s && s.name().equals(childName)
                    && (childNamespace == null || childNamespace.equals(s.namespace())));
            return this;
        }

        /**
         * Builds the element. Child elements without a namespace take this element's, as they would when
         * parsed, so that a built element equals its own parsed XML.
         *
         * @return the element
         */
        public Stanza build() {
            List<Node> resolved = new ArrayList<>(children.size());
            for (Node n : children) {
                resolved.add(n instanceof Stanza s ? inherit(s, namespace) : n);
            }
            return new Stanza(name, namespace, new LinkedHashMap<>(attributes), resolved);
        }

        private static Stanza inherit(Stanza s, String parentNamespace) {
            if (s.namespace != null || parentNamespace == null) {
                return s;
            }
            List<Node> kids = new ArrayList<>(s.children.size());
            for (Node n : s.children) {
                kids.add(n instanceof Stanza c ? inherit(c, parentNamespace) : n);
            }
            return new Stanza(s.name, parentNamespace, new LinkedHashMap<>(s.attributes), kids);
        }
    }
}
