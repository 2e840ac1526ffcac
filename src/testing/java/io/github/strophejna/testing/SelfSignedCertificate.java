package io.github.strophejna.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A per-run self-signed certificate for localhost and its subdomains, made with the openssl command (the
 * test Prosody's, and the bench's ejabberd's).
 */
public final class SelfSignedCertificate {

    private SelfSignedCertificate() {
    }

    /**
     * Writes {@code localhost.crt} and {@code localhost.key} into {@code dir}.
     *
     * @param dir the certificate directory
     * @return the certificate file, which clients use as their CA file
     */
    public static Path create(Path dir) throws IOException, InterruptedException {
        Path crt = dir.resolve("localhost.crt");
        Path key = dir.resolve("localhost.key");
        ProcessBuilder pb = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", crt.toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,DNS:conference.localhost,DNS:pubsub.localhost,DNS:component.localhost");
        pb.redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("the openssl command is needed to make the test server's certificate: apt-get install -y openssl", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl could not make a certificate:\n" + out);
        }
        return crt;
    }
}
