package io.github.strophejna.client;

/**
 * How the client secures its stream. Certificate verification, with the host-name check against the JID's
 * domain, is on under every policy that uses TLS (see {@link XmppClient.Builder#trustAnyCertificate}).
 */
public enum TlsPolicy {
    /**
     * STARTTLS, and fail when the server does not offer it (the default): connect fails with
     * {@link TlsException} before any credential is sent.
     */
    REQUIRED,
    /**
     * STARTTLS when offered, plaintext otherwise: the explicit opt-in to plaintext. When the server (or anyone
     * on the path, by removing the offer) leaves STARTTLS out, the client logs in unencrypted, and with SASL
     * PLAIN the password crosses the network readable (base64). Only for trusted networks.
     */
    OPTIONAL,
    /** Never TLS. Passwords then cross the network readable unless the mechanism hides them (PLAIN does not). */
    DISABLED,
    /** TLS from the first byte, on a direct-TLS port (XEP-0368, "legacy SSL"). */
    DIRECT
}
