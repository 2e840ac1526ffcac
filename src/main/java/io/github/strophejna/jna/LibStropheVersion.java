package io.github.strophejna.jna;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A libstrophe version. libstrophe reports only major and minor ({@code xmpp_version_check});
 * the patch level is known when the library file's name carries it (Debian's
 * {@code libstrophe.so.0.12.2}), and is {@code -1} otherwise.
 *
 * @param major major version
 * @param minor minor version
 * @param patch patch level, or -1 when unknown
 */
public record LibStropheVersion(int major, int minor, int patch) implements Comparable<LibStropheVersion> {

    private static final Pattern TEXT = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /**
     * Parses "0.14" or "0.14.0".
     *
     * @param text the version
     * @return the version
     * @throws IllegalArgumentException when it is not one
     */
    public static LibStropheVersion parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a libstrophe version: " + text);
        }
        return new LibStropheVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? -1 : Integer.parseInt(m.group(3)));
    }

    /**
     * Whether this version is {@code other} or newer; an unknown patch level counts as 0.
     *
     * @param other the version needed
     * @return true when this one is at least {@code other}
     */
    public boolean atLeast(LibStropheVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(LibStropheVersion o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        if (minor != o.minor) {
            return Integer.compare(minor, o.minor);
        }
        return Integer.compare(Math.max(patch, 0), Math.max(o.patch, 0));
    }

    @Override
    public String toString() {
        return major + "." + minor + (patch >= 0 ? "." + patch : ".x");
    }
}
