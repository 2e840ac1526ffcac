package io.github.strophejna.testing;

/**
 * An account registered on the test server.
 *
 * @param localpart the user name
 * @param domain the server's domain
 * @param password its password (test data only)
 */
public record TestAccount(String localpart, String domain, String password) {

    /** @return the bare JID, {@code localpart@domain} */
    public String jid() {
        return localpart + "@" + domain;
    }

    /**
     * @param resource a resource
     * @return the full JID {@code localpart@domain/resource}
     */
    public String jid(String resource) {
        return jid() + "/" + resource;
    }

    @Override
    public String toString() {
        return jid(); // never the password
    }
}
