package io.github.strophejna.xep.register;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Stanza;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * In-Band Registration (XEP-0077) for one client: register a new account (on a stream opened with
 * {@link XmppClient#connectWithoutLogin()}), and on a logged-in session change the password or remove
 * the account. One instance per client ({@link #of}); thread-safe.
 */
public final class AccountManagement {

    /** The namespace. */
    public static final String NAMESPACE = "jabber:iq:register";

    private final XmppClient client;

    private AccountManagement(XmppClient client) {
        this.client = client;
    }

    /**
     * The client's account helper, made on first use.
     *
     * @param client the client
     * @return its helper (the same one on every call)
     */
    public static AccountManagement of(XmppClient client) {
        return Objects.requireNonNull(client, "client").extension(AccountManagement.class, AccountManagement::new);
    }

    /**
     * Registers a new account. The client must be connected with {@link XmppClient#connectWithoutLogin()}.
     *
     * @param username the new account's localpart
     * @param password its password (used once, then wiped)
     * @return completes when the server created it; fails with an
     *         {@link io.github.strophejna.client.XmppErrorException} of condition {@code conflict} when the name
     *         is taken, {@code not-acceptable} when a field is missing, {@code not-allowed} when registration is off
     */
    public CompletableFuture<Void> register(String username, char[] password) {
        return client.sendIq(Iq.set(null, credentials(username, password))).thenApply(r -> null);
    }

    /** The query both registration and a password change send; wipes the password array. */
    private static Stanza credentials(String username, char[] password) {
        Stanza query = Stanza.builder("query").namespace(NAMESPACE).textChild("username", username)
                .textChild("password", new String(password)).build();
        java.util.Arrays.fill(password, '\0');
        return query;
    }

    /**
     * Changes the account's password (the client must be logged in).
     *
     * @param newPassword the new password (used once, then wiped)
     * @return completes when the server changed it
     */
    public CompletableFuture<Void> changePassword(char[] newPassword) {
        return client.sendIq(Iq.set(null, credentials(client.jid().local(), newPassword))).thenApply(r -> null);
    }

    /**
     * Deletes the account (the client must be logged in); the server then closes the session.
     *
     * @return completes when the server removed it
     */
    public CompletableFuture<Void> removeAccount() {
        return client.sendIq(Iq.set(null, Stanza.builder("query").namespace(NAMESPACE)
                .child(Stanza.builder("remove").build()).build())).thenApply(r -> null);
    }
}
