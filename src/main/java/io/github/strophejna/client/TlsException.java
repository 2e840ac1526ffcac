package io.github.strophejna.client;

/** TLS failed: most often the server's certificate was not trusted; {@link #certificate()} says which one. */
public final class TlsException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final transient CertificateInfo certificate;

    /** @param message what happened @param certificate the server's certificate, or null when unknown */
    public TlsException(String message, CertificateInfo certificate) {
        super(message);
        this.certificate = certificate;
    }

    /** @return the certificate that failed verification, or null */
    public CertificateInfo certificate() {
        return certificate;
    }
}
