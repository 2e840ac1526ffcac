package io.github.strophejna.xep.vcard;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * vcard-temp (XEP-0054) for one client: read anyone's vCard, set one's own. The vCard is kept as its element,
 * with accessors for the common fields. One instance per client ({@link #of}); thread-safe.
 */
public final class VCards {

    /** The namespace. */
    public static final String NAMESPACE = "vcard-temp";

    /**
     * A vCard.
     *
     * @param element the {@code <vCard xmlns='vcard-temp'/>} element
     */
    public record VCard(Stanza element) {

        /**
         * A simple vCard.
         *
         * @param fullName FN
         * @param nickname NICKNAME, or null
         * @param email an e-mail address, or null
         */
        public VCard(String fullName, String nickname, String email) {
            this(simple(fullName, nickname, email));
        }

        private static Stanza simple(String fullName, String nickname, String email) {
            Stanza.Builder b = Stanza.builder("vCard").namespace(NAMESPACE).textChild("FN", fullName);
            if (nickname != null) {
                b.textChild("NICKNAME", nickname);
            }
            if (email != null) {
                b.child(Stanza.builder("EMAIL").child(Stanza.builder("INTERNET").build()).textChild("USERID", email).build());
            }
            return b.build();
        }

        /** @return FN, or null */
        public String fullName() {
            return element.childText("FN");
        }

        /** @return NICKNAME, or null */
        public String nickname() {
            return element.childText("NICKNAME");
        }

        /** @return the first EMAIL's USERID, or null */
        public String email() {
            Stanza e = element.child("EMAIL");
            return e == null ? null : e.childText("USERID");
        }
    }

    private final XmppClient client;

    private VCards(XmppClient client) {
        this.client = client;
    }

    /**
     * The client's vCard helper, made on first use.
     *
     * @param client the client
     * @return its helper (the same one on every call)
     */
    public static VCards of(XmppClient client) {
        return Objects.requireNonNull(client, "client").extension(VCards.class, VCards::new);
    }

    /**
     * @param jid whose vCard (a bare JID), or null for one's own
     * @return the vCard (empty when none was set)
     */
    public CompletableFuture<VCard> get(Jid jid) {
        return client.sendIq(Iq.get(jid == null ? null : jid.bare(), Stanza.builder("vCard").namespace(NAMESPACE).build()))
                .thenApply(r -> new VCard(r.payload() != null ? r.payload() : Stanza.builder("vCard").namespace(NAMESPACE).build()));
    }

    /**
     * @param vcard one's new vCard
     * @return completes when the server stored it
     */
    public CompletableFuture<Void> set(VCard vcard) {
        return client.sendIq(Iq.set(null, Objects.requireNonNull(vcard, "vcard").element())).thenApply(r -> null);
    }
}
