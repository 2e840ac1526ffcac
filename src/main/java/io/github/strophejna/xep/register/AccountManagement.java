package io.github.strophejna.xep.register;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Stanza;
import java.util.concurrent.CompletableFuture;

/**
 * In-Band Registration (XEP-0077) on a logged-in session: change the password, remove the account.
 * (Registering a new account needs a stream without login, which the client does not open yet.)
 */
public final class AccountManagement {

    /** The namespace. */
    public static final String NAMESPACE = "jabber:iq:register";

    private AccountManagement() {
    }

    /**
     * Changes the account's password.
     *
     * @param client the logged-in client
     * @param newPassword the new password (used once, then wiped)
     * @return completes when the server changed it
     */
    public static CompletableFuture<Void> changePassword(XmppClient client, char[] newPassword) {
        Stanza query = Stanza.builder("query").namespace(NAMESPACE).textChild("username", client.jid().local())
                .textChild("password", new String(newPassword)).build();
        java.util.Arrays.fill(newPassword, '\0');
        return client.sendIq(Iq.set(null, query)).thenApply(r -> null);
    }

    /**
     * Deletes the account; the server then closes the session.
     *
     * @param client the logged-in client
     * @return completes when the server removed it
     */
    public static CompletableFuture<Void> removeAccount(XmppClient client) {
        return client.sendIq(Iq.set(null, Stanza.builder("query").namespace(NAMESPACE)
                .child(Stanza.builder("remove").build()).build())).thenApply(r -> null);
    }
}
