package io.github.strophejna.client;

import java.util.List;

/**
 * What libstrophe reports about a server certificate that failed verification, for a
 * {@link XmppClient.Builder#certificateVerifier certificate verifier} and for {@link TlsException}.
 *
 * @param pem the certificate, PEM-encoded
 * @param subject its subject
 * @param issuer its issuer
 * @param dnsNames the DNS names it is valid for
 * @param notBefore start of validity, as libstrophe prints it
 * @param notAfter end of validity, as libstrophe prints it
 * @param sha256Fingerprint the SHA-256 fingerprint
 * @param error why verification failed, as OpenSSL says it
 */
public record CertificateInfo(String pem, String subject, String issuer, List<String> dnsNames, String notBefore,
        String notAfter, String sha256Fingerprint, String error) {

    /** @param dnsNames copied */
    public CertificateInfo {
        dnsNames = List.copyOf(dnsNames);
    }

    @Override
    public String toString() {
        return "certificate " + subject + " issued by " + issuer + " for " + dnsNames + " (" + error + ")";
    }
}
