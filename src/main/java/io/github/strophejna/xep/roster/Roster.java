package io.github.strophejna.xep.roster;

import io.github.strophejna.client.Registration;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.client.XmppErrorException;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Roster and presence (RFC 6121) for one client: the contact list (get, set, remove, and the server's
 * pushes), subscription requests and answers, and each contact's presence with a change event (the Pharo
 * binding's {@code handlePresenceChange}). One instance per client ({@link #of}); thread-safe. Handlers
 * run where the client runs its handlers.
 */
public final class Roster {

    /** The roster namespace. */
    public static final String NAMESPACE = "jabber:iq:roster";

    private final XmppClient client;
    private final Map<Jid, RosterItem> items = new ConcurrentHashMap<>();
    /** bare JID -> resource -> last presence */
    private final Map<Jid, Map<String, Presence>> presences = new ConcurrentHashMap<>();
    private final List<Consumer<RosterItem>> pushListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Jid>> subscriptionListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Jid, Presence>> presenceListeners = new CopyOnWriteArrayList<>();

    private Roster(XmppClient client) {
        this.client = client;
        client.onIq(NAMESPACE, this::onPush);
        client.onPresence(this::onPresence);
    }

    /**
     * The client's roster helper, made on first use; it takes the server's pushes and watches presence from
     * now on.
     *
     * @param client the client
     * @return its helper (the same one on every call)
     */
    public static Roster of(XmppClient client) {
        return Objects.requireNonNull(client, "client").extension(Roster.class, Roster::new);
    }

    /** @return fetches the roster from the server and replaces the local copy */
    public CompletableFuture<List<RosterItem>> fetch() {
        return client.sendIq(Iq.get(null, Stanza.builder("query").namespace(NAMESPACE).build())).thenApply(r -> {
            List<RosterItem> list = new ArrayList<>();
            if (r.payload() != null) {
                for (Stanza i : r.payload().elements()) {
                    if (i.name().equals("item") && i.attribute("jid") != null) {
                        list.add(RosterItem.from(i));
                    }
                }
            }
            items.clear();
            list.forEach(i -> items.put(i.jid(), i));
            return list;
        });
    }

    /** @return the local copy of the roster (after {@link #fetch()} and pushes) */
    public List<RosterItem> items() {
        return new ArrayList<>(items.values());
    }

    /**
     * Adds or changes a contact (name, groups). The server answers with a push.
     *
     * @param item the item
     * @return completes when the server accepted it
     */
    public CompletableFuture<Void> set(RosterItem item) {
        return client.sendIq(Iq.set(null, Stanza.builder("query").namespace(NAMESPACE).child(item.toStanza(false)).build()))
                .thenApply(r -> null);
    }

    /**
     * Removes a contact (and cancels subscriptions both ways).
     *
     * @param jid the contact
     * @return completes when the server accepted it
     */
    public CompletableFuture<Void> remove(Jid jid) {
        return client.sendIq(Iq.set(null, Stanza.builder("query").namespace(NAMESPACE)
                .child(new RosterItem(jid, null).toStanza(true)).build())).thenApply(r -> null);
    }

    /** @param jid asks to see this contact's presence @return completes when sent */
    public CompletableFuture<Void> subscribe(Jid jid) {
        return sendPresence(jid, Presence.Type.SUBSCRIBE);
    }

    /** @param jid lets this contact see our presence (answers its request) @return completes when sent */
    public CompletableFuture<Void> approve(Jid jid) {
        return sendPresence(jid, Presence.Type.SUBSCRIBED);
    }

    /** @param jid refuses (or revokes) this contact's subscription @return completes when sent */
    public CompletableFuture<Void> deny(Jid jid) {
        return sendPresence(jid, Presence.Type.UNSUBSCRIBED);
    }

    /** @param jid stops seeing this contact's presence @return completes when sent */
    public CompletableFuture<Void> unsubscribe(Jid jid) {
        return sendPresence(jid, Presence.Type.UNSUBSCRIBE);
    }

    private CompletableFuture<Void> sendPresence(Jid jid, Presence.Type type) {
        return client.send(Presence.builder().to(Objects.requireNonNull(jid, "jid").bare()).type(type).build());
    }

    /**
     * Sends our own presence (initial or changed).
     *
     * @param show the show value, or null for plain available
     * @param status a status text, or null
     * @param priority -128..127
     * @return completes when sent
     */
    public CompletableFuture<Void> setPresence(Presence.Show show, String status, int priority) {
        Presence.Builder b = Presence.builder().show(show).priority(priority);
        if (status != null) {
            b.status(status);
        }
        return client.send(b.build());
    }

    /** @param listener called with each item the server pushes (a removal has subscription REMOVE) @return removes it */
    public Registration onPush(Consumer<RosterItem> listener) {
        pushListeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> pushListeners.remove(listener);
    }

    /** @param listener called with the bare JID of whoever asks to see our presence @return removes it */
    public Registration onSubscriptionRequest(Consumer<Jid> listener) {
        subscriptionListeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> subscriptionListeners.remove(listener);
    }

    /**
     * Called when a contact's presence changes: a resource comes online or goes offline, or its show,
     * status or priority changes. Repeats of the same presence are not reported.
     *
     * @param listener gets the full JID and the new presence
     * @return removes it
     */
    public Registration onPresenceChange(BiConsumer<Jid, Presence> listener) {
        presenceListeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> presenceListeners.remove(listener);
    }

    /**
     * @param jid a contact
     * @return its available presence of highest priority, or null when it is offline
     */
    public Presence presence(Jid jid) {
        Map<String, Presence> byResource = presences.get(jid.bare());
        if (byResource == null) {
            return null;
        }
        Presence best = null;
        for (Presence p : byResource.values()) {
            if (p.type() == Presence.Type.AVAILABLE && (best == null || p.priority() > best.priority())) {
                best = p;
            }
        }
        return best;
    }

    private Stanza onPush(Iq push) {
        Jid from = push.from();
        if (from != null && !from.equals(client.jid().bare())) {
            // RFC 6121 §2.1.6: only our own server (no from, or our bare JID) may push
            throw new XmppErrorException(new StanzaError(StanzaError.Type.CANCEL, "service-unavailable", null));
        }
        if (push.type() != Iq.Type.SET || push.payload() == null) {
            throw new XmppErrorException(new StanzaError(StanzaError.Type.MODIFY, "bad-request", null));
        }
        for (Stanza i : push.payload().elements()) {
            if (!i.name().equals("item") || i.attribute("jid") == null) {
                continue;
            }
            RosterItem item = RosterItem.from(i);
            if (item.subscription() == RosterItem.Subscription.REMOVE) {
                items.remove(item.jid());
            } else {
                items.put(item.jid(), item);
            }
            pushListeners.forEach(l -> l.accept(item));
        }
        return null;
    }

    private void onPresence(Presence p) {
        Jid from = p.from();
        if (from == null) {
            return;
        }
        switch (p.type()) {
            case SUBSCRIBE -> subscriptionListeners.forEach(l -> l.accept(from.bare()));
            case AVAILABLE, UNAVAILABLE -> {
                String resource = from.resource() == null ? "" : from.resource();
                Map<String, Presence> byResource = presences.computeIfAbsent(from.bare(), k -> new ConcurrentHashMap<>());
                Presence old = p.type() == Presence.Type.UNAVAILABLE ? byResource.remove(resource) : byResource.put(resource, p);
                if (!samePresence(old, p)) {
                    presenceListeners.forEach(l -> l.accept(from, p));
                }
            }
            default -> {
                // subscribed, unsubscribe(d), probe, error: the roster pushes tell the outcome
            }
        }
    }

    private static boolean samePresence(Presence a, Presence b) {
        return a != null && a.type() == b.type() && a.show() == b.show() && Objects.equals(a.status(), b.status())
                && a.priority() == b.priority();
    }
}
