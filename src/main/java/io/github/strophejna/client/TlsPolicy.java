package io.github.strophejna.client;

/** How the client secures its stream. */
public enum TlsPolicy {
    /** STARTTLS, and fail when the server does not offer it (the default). */
    REQUIRED,
    /** STARTTLS when offered, plaintext otherwise. */
    OPTIONAL,
    /** Never TLS. Passwords then cross the network readable unless the mechanism hides them. */
    DISABLED,
    /** TLS from the first byte, on a direct-TLS port (XEP-0368, "legacy SSL"). */
    DIRECT
}
