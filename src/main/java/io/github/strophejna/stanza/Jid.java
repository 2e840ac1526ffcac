package io.github.strophejna.stanza;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An XMPP address, {@code [localpart@]domainpart[/resourcepart]}, validated like RFC 7622: each part at
 * most 1023 bytes of UTF-8, no empty parts, one trailing dot of the domain removed, IPv6 literals in
 * brackets, and in each part only the characters its PRECIS profile or IDNA2008 allows, as far as the JDK's
 * Unicode tables tell (no controls, U+FFFD, unassigned code points, invisible format characters; no spaces
 * or {@code " & ' / : < > @} in the localpart, and only letters, marks and digits beyond ASCII; see
 * {@code JidCharacters}). A text that breaks a rule is an {@link InvalidJidException} naming the rule.
 * It does not apply the PRECIS profiles' case mapping and normalisation: two JIDs are equal when their
 * parts are equal as given, except that the domain is compared in lower case.
 *
 * <p>Immutable and thread-safe.
 */
public final class Jid {

    private static final int MAX_PART_BYTES = 1023;

    private final String local;
    private final String domain;
    private final String resource;
    /** The domain as equals() and hashCode() both compare it (equalsIgnoreCase would disagree with the hash on 'ı'). */
    private final String domainKey;

    private Jid(String local, String domain, String resource) {
        this.local = local;
        this.domain = domain;
        this.resource = resource;
        this.domainKey = domain.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Parses a JID.
     *
     * @param text the address
     * @return the JID
     * @throws InvalidJidException when it is not a valid JID, saying why
     * @throws NullPointerException when text is null
     */
    public static Jid parse(String text) {
        Objects.requireNonNull(text, "jid");
        int slash = text.indexOf('/');
        String beforeResource = slash < 0 ? text : text.substring(0, slash);
        String resource = slash < 0 ? null : text.substring(slash + 1);
        int at = beforeResource.indexOf('@');
        String local = at < 0 ? null : beforeResource.substring(0, at);
        String domain = at < 0 ? beforeResource : beforeResource.substring(at + 1);
        return of(local, domain, resource, text);
    }

    /**
     * Builds a JID from its parts.
     *
     * @param local the localpart, or null
     * @param domain the domainpart
     * @param resource the resourcepart, or null
     * @return the JID
     * @throws InvalidJidException when a part is invalid
     */
    public static Jid of(String local, String domain, String resource) {
        Objects.requireNonNull(domain, "domain");
        return of(local, domain, resource, (local == null ? "" : local + "@") + domain + (resource == null ? "" : "/" + resource));
    }

    private static Jid of(String local, String domain, String resource, String input) {
        if (domain.endsWith(".") && domain.length() > 1) {
            domain = domain.substring(0, domain.length() - 1);
        }
        checkDomain(domain, input);
        if (local != null) {
            checkPart("localpart", local, input);
            refuse("localpart", JidCharacters.localpartProblem(local), input);
        }
        if (resource != null) {
            checkPart("resourcepart", resource, input);
            refuse("resourcepart", JidCharacters.resourcepartProblem(resource), input);
        }
        return new Jid(local, domain, resource);
    }

    /** The rules of length every part shares. */
    private static void checkPart(String what, String part, String input) {
        if (part.isEmpty()) {
            throw new InvalidJidException("invalid JID '" + shown(input) + "': the " + what + " is empty");
        }
        if (part.length() > MAX_PART_BYTES / 3 && part.getBytes(StandardCharsets.UTF_8).length > MAX_PART_BYTES) {
            throw new InvalidJidException("invalid JID: the " + what + " is longer than " + MAX_PART_BYTES + " bytes");
        }
    }

    private static void refuse(String what, String problem, String input) {
        if (problem != null) {
            throw new InvalidJidException("invalid JID '" + shown(input) + "': the " + what + " may not hold " + problem);
        }
    }

    /** The input for a message: controls, invisible characters and lone surrogates spelled out, and not megabytes of it. */
    private static String shown(String input) {
        String cut = input.length() > 100 ? input.substring(0, 100) + "..." : input;
        return XmlChars.printable(cut);
    }

    private static void checkDomain(String domain, String input) {
        checkPart("domainpart", domain, input);
        if (domain.startsWith("[")) {
            if (!domain.endsWith("]") || !isIpv6(domain.substring(1, domain.length() - 1))) {
                throw new InvalidJidException("invalid JID '" + shown(input) + "': '" + domain + "' is not an IPv6 address in brackets");
            }
            return;
        }
        int start = 0;
        while (true) {
            int dot = domain.indexOf('.', start);
            String label = domain.substring(start, dot < 0 ? domain.length() : dot);
            if (label.isEmpty()) {
                throw new InvalidJidException("invalid JID '" + shown(input) + "': the domainpart has an empty label");
            }
            refuse("domainpart", JidCharacters.domainLabelProblem(label), input);
            if (dot < 0) {
                return;
            }
            start = dot + 1;
        }
    }

    private static boolean isIpv6(String s) {
        if (s.isEmpty() || !s.contains(":")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return false;
            }
        }
        int doubleColons = s.split("::", -1).length - 1;
        return doubleColons <= 1 && s.split(":", -1).length <= 9;
    }

    /** @return the localpart, or null */
    public String local() {
        return local;
    }

    /** @return the domainpart */
    public String domain() {
        return domain;
    }

    /** @return the resourcepart, or null */
    public String resource() {
        return resource;
    }

    /** @return true when there is no resourcepart */
    public boolean isBare() {
        return resource == null;
    }

    /** @return this JID without its resource */
    public Jid bare() {
        return resource == null ? this : new Jid(local, domain, null);
    }

    /**
     * @param newResource the resourcepart, or null for the bare JID
     * @return this bare JID with that resource
     */
    public Jid withResource(String newResource) {
        return of(local, domain, newResource);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jid j && Objects.equals(local, j.local) && domainKey.equals(j.domainKey)
                && Objects.equals(resource, j.resource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(local, domainKey, resource);
    }

    @Override
    public String toString() {
        return (local == null ? "" : local + "@") + domain + (resource == null ? "" : "/" + resource);
    }
}
