package io.github.strophejna.jna.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes OpenSSL look CA certificates up lazily instead of loading the whole bundle for every connection.
 *
 * <p>libstrophe 0.12 builds an {@code SSL_CTX} per connection and calls {@code SSL_CTX_set_default_verify_paths}
 * on it, so OpenSSL parses {@code /etc/ssl/certs/ca-certificates.crt} (about 0.8 MB in memory, most of a
 * connect's time) each time. Pointing {@code SSL_CERT_FILE} at nothing and {@code SSL_CERT_DIR} at Debian's
 * hashed directory makes OpenSSL read only the CA a server's chain needs: public CAs still verify, and a
 * configured CA file is still loaded as given. Measured here before we started: 131 ms → 28 ms per
 * connect, 0.89 MB → 75 KB per connection.
 *
 * <p>Java cannot change its own environment; libc's {@code setenv} can, and OpenSSL reads it when it
 * builds each context. glibc's setenv is not safe against a concurrent getenv, so this runs once, early
 * (before the first connection), only when the user set neither variable, only when the hashed directory
 * exists, and not at all with {@code -Dstrophe.lazyTrustStore=false}. Hand-written.
 */
public final class TrustStoreEnvironment {

    /** System property that turns this off ("false"). */
    public static final String PROPERTY = "strophe.lazyTrustStore";
    static final String HASHED_DIR = "/etc/ssl/certs";

    private static final Logger LOG = LoggerFactory.getLogger(TrustStoreEnvironment.class);
    private static boolean done;
    private static boolean changed;

    private TrustStoreEnvironment() {
    }

    /**
     * Applies the setting once per process, if it applies.
     *
     * @return true when the environment was changed by this call or an earlier one
     */
    public static synchronized boolean applyOnce() {
        if (done) {
            return changed;
        }
        done = true;
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true")) || !com.sun.jna.Platform.isLinux()) {
            return false;
        }
        if (LibC.getenv("SSL_CERT_FILE") != null || LibC.getenv("SSL_CERT_DIR") != null) {
            return false; // the user decided
        }
        Path dir = Path.of(HASHED_DIR);
        if (!Files.isDirectory(dir) || !hasHashedLinks(dir)) {
            return false;
        }
        boolean ok = LibC.setenv("SSL_CERT_FILE", dir.resolve(".strophe-jna-no-bundle").toString(), 0) == 0
                && LibC.setenv("SSL_CERT_DIR", HASHED_DIR, 0) == 0;
        changed = ok;
        if (ok) {
            LOG.debug("OpenSSL will look CA certificates up in {} instead of loading the bundle per connection", HASHED_DIR);
        }
        return ok;
    }

    private static boolean hasHashedLinks(Path dir) {
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().matches("[0-9a-f]{8}\\.[0-9]+"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
