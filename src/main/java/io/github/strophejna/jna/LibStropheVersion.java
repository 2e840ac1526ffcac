package io.github.strophejna.jna;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A libstrophe version: a release such as 0.12.2, or a development snapshot such as "master b9eead3".
 *
 * <p>libstrophe itself reports only major and minor ({@code xmpp_version_check}), and 0.11 and older not even
 * those. {@link LibStrophe} finds the rest from the version file that {@code scripts/build-libstrophe.sh}
 * writes beside its build, else from the library file's name (Debian's {@code libstrophe.so.0.12.2}), else
 * from the functions the library exports; the patch level is {@code -1} when none of them tells it.
 *
 * @param major major version
 * @param minor minor version
 * @param patch patch level, or -1 when unknown
 * @param snapshot for a development snapshot, what names it (e.g. "master b9eead3"), and the numbers are
 *     the release its sources call themselves (upstream bumps them only when releasing); null for a release
 */
public record LibStropheVersion(int major, int minor, int patch, String snapshot) implements Comparable<LibStropheVersion> {

    private static final Pattern TEXT = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /**
     * A release.
     *
     * @param major major version
     * @param minor minor version
     * @param patch patch level, or -1 when unknown
     */
    public LibStropheVersion(int major, int minor, int patch) {
        this(major, minor, patch, null);
    }

    /**
     * Parses a release number, "0.14" or "0.14.0".
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
     * Whether this version is {@code other} or newer; an unknown patch level counts as 0, and a snapshot
     * as newer than the release it calls itself.
     *
     * @param other the version needed
     * @return true when this one is at least {@code other}
     */
    public boolean atLeast(LibStropheVersion other) {
        return compareTo(other) >= 0;
    }

    /**
     * Whether this is a development snapshot rather than a release.
     *
     * @return true for a snapshot
     */
    public boolean isSnapshot() {
        return snapshot != null;
    }

    /**
     * The release numbers alone, as "0.14.0", or "0.14.x" when the patch level is unknown.
     *
     * @return the numbers (for a snapshot, the release its sources call themselves)
     */
    public String release() {
        return major + "." + minor + (patch >= 0 ? "." + patch : ".x");
    }

    @Override
    public int compareTo(LibStropheVersion o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        if (minor != o.minor) {
            return Integer.compare(minor, o.minor);
        }
        int p = Integer.compare(Math.max(patch, 0), Math.max(o.patch, 0));
        return p != 0 ? p : Boolean.compare(isSnapshot(), o.isSnapshot());
    }

    // equals and hashCode written out: a record's own are bootstrapped through invokedynamic, about 10 ms the
    // first time, and the version is a map key on every process's start path (VersionDetection)
    @Override
    public boolean equals(Object o) {
        return o instanceof LibStropheVersion v && major == v.major && minor == v.minor && patch == v.patch
                && java.util.Objects.equals(snapshot, v.snapshot);
    }

    @Override
    public int hashCode() {
        return ((major * 31 + minor) * 31 + patch) * 31 + java.util.Objects.hashCode(snapshot);
    }

    /**
     * The exact version as far as it is known: "0.12.2", "0.11.x" (patch unknown), or for a snapshot its name,
     * "master b9eead3".
     */
    @Override
    public String toString() {
        return snapshot != null ? snapshot : release();
    }
}
