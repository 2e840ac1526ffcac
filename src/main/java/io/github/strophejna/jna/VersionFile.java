package io.github.strophejna.jna;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The version file {@code scripts/build-libstrophe.sh} writes beside the library it installs,
 * {@value #NAME}: which libstrophe that file is, exactly. A Java properties file:
 * <pre>
 * version=0.14.0                  the release its sources call themselves (configure.ac)
 * snapshot=master b9eead3         empty for a release; else what names the snapshot
 * source=libstrophe-0.14.0-src.tar.gz
 * commit=7c2e78937d1f8614339bfa88bdcc21bb406deadd    when the sources said (git archive, git checkout)
 * sha256=...                      of the library file it describes
 * fixes=sm-restore poll           the project's fixes built in (native/patches/, --with-fixes); empty or
 *                                 absent (files written before the line existed) for upstream's code as is
 * </pre>
 * It counts only for the library whose SHA-256 it names, so a library replaced without it is not
 * misnamed. Hand-written.
 *
 * @param version the version it names
 * @param source what was built, for messages
 * @param commit the upstream commit, or empty when unknown
 * @param fixes the names of the fixes built in, in the order the file gives them; empty for none
 */
record VersionFile(LibStropheVersion version, String source, String commit, Set<String> fixes) {

    /** The file's name, beside the library (and in the jar, beside its copy). */
    static final String NAME = "libstrophe.version";

    private static final Pattern RELEASE = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FIX = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /**
     * Reads a version file's text and checks it against the library it should describe.
     *
     * @param text the file's content
     * @param library the library file
     * @return the version file, or null when it does not describe this library
     * @throws IOException when the library cannot be read
     * @throws IllegalArgumentException when the text is not a version file (the message says why)
     */
    static VersionFile parse(String text, Path library) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        String version = p.getProperty("version", "").strip();
        String sha = p.getProperty("sha256", "").strip();
        if (!RELEASE.matcher(version).matches()) {
            throw new IllegalArgumentException("its version is not X.Y.Z: '" + version + "'");
        }
        if (!SHA256.matcher(sha).matches()) {
            throw new IllegalArgumentException("it has no sha256 of the library");
        }
        if (!sha.equals(sha256(library))) {
            return null;
        }
        String snapshot = p.getProperty("snapshot", "").strip();
        LibStropheVersion base = LibStropheVersion.parse(version);
        return new VersionFile(new LibStropheVersion(base.major(), base.minor(), base.patch(),
                snapshot.isEmpty() ? null : snapshot), p.getProperty("source", "").strip(), p.getProperty("commit", "").strip(),
                fixes(p.getProperty("fixes", "")));
    }

    /** The fixes line: names separated by spaces (or commas). */
    private static Set<String> fixes(String line) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : line.strip().split("[\\s,]+")) {
            if (name.isEmpty()) {
                continue;
            }
            if (!FIX.matcher(name).matches()) {
                throw new IllegalArgumentException("its fixes are not names: '" + line.strip() + "'");
            }
            names.add(name);
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * How the library was built, for messages: "libstrophe-0.14.0-src.tar.gz, commit 7c2e789".
     *
     * @return the source and the short commit, when known
     */
    String provenance() {
        String c = commit.length() > 7 ? commit.substring(0, 7) : commit;
        if (source.isEmpty()) {
            return c.isEmpty() ? "sources unknown" : "commit " + c;
        }
        return c.isEmpty() ? source : source + ", commit " + c;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
