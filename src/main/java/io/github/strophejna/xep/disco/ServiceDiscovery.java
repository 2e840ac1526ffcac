package io.github.strophejna.xep.disco;

import io.github.strophejna.client.Registration;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Service Discovery (XEP-0030) for one client: asks other entities what they are and support, and, once
 * {@link #respond()} is called, answers {@code disco#info} and {@code disco#items} queries with this client's
 * identities, features and items. Every other helper's {@code respond(...)} adds its namespace here with
 * {@link #addFeature} and calls {@link #respond()}. One instance per client ({@link #of}); thread-safe.
 */
public final class ServiceDiscovery {

    /** disco#info namespace. */
    public static final String INFO = "http://jabber.org/protocol/disco#info";
    /** disco#items namespace. */
    public static final String ITEMS = "http://jabber.org/protocol/disco#items";

    private final XmppClient client;
    private final Set<String> features = Collections.synchronizedSet(new TreeSet<>());
    private final List<DiscoIdentity> identities = new CopyOnWriteArrayList<>();
    private final List<DiscoItem> items = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private boolean responding; // guarded by this

    private ServiceDiscovery(XmppClient client) {
        this.client = client;
        identities.add(new DiscoIdentity("client", "bot", "strophe-jna"));
        features.add(INFO);
        features.add(ITEMS);
    }

    /**
     * The client's discovery helper, made on first use. Getting it answers nothing: see {@link #respond()}.
     *
     * @param client the client
     * @return its helper (the same one on every call)
     */
    public static ServiceDiscovery of(XmppClient client) {
        return Objects.requireNonNull(client, "client").extension(ServiceDiscovery.class, ServiceDiscovery::new);
    }

    /**
     * Answers {@code disco#info} and {@code disco#items} queries from now on. Idempotent; any thread.
     *
     * @return this helper
     * @throws IllegalStateException when another handler already answers disco#info or disco#items
     */
    public synchronized ServiceDiscovery respond() {
        if (!responding) {
            Registration info = client.onIq(INFO, this::answerInfo);
            try {
                client.onIq(ITEMS, this::answerItems);
            } catch (IllegalStateException e) {
                info.close(); // all or nothing, so a later call can try again
                throw e;
            }
            responding = true;
        }
        return this;
    }

    /**
     * Replaces the identities announced (default: one, category "client", type "bot", name "strophe-jna").
     *
     * @param identity the first identity
     * @param more further identities
     */
    public void setIdentities(DiscoIdentity identity, DiscoIdentity... more) {
        List<DiscoIdentity> all = new ArrayList<>();
        all.add(identity);
        all.addAll(List.of(more));
        identities.clear();
        identities.addAll(all);
        changed();
    }

    /** @param feature a namespace this client supports */
    public void addFeature(String feature) {
        if (features.add(Objects.requireNonNull(feature, "feature"))) {
            changed();
        }
    }

    /** @param feature a namespace this client no longer supports */
    public void removeFeature(String feature) {
        if (features.remove(Objects.requireNonNull(feature, "feature"))) {
            changed();
        }
    }

    /** @return the features announced, sorted */
    public Set<String> features() {
        synchronized (features) {
            return new LinkedHashSet<>(features);
        }
    }

    /** @return the identities announced */
    public List<DiscoIdentity> identities() {
        return List.copyOf(identities);
    }

    /** @param item an item to list in disco#items answers */
    public void addItem(DiscoItem item) {
        items.add(Objects.requireNonNull(item, "item"));
    }

    /** @param listener called when identities or features change (Entity Capabilities recomputes then) */
    public void onChange(Runnable listener) {
        changeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }

    /**
     * Asks an entity what it is and supports.
     *
     * @param jid the entity, or null for our own account (the server answers for it)
     * @return its identities and features; fails like {@link XmppClient#sendIq}
     */
    public CompletableFuture<DiscoInfo> info(Jid jid) {
        return client.sendIq(Iq.get(jid, Stanza.builder("query").namespace(INFO).build()))
                .thenApply(r -> DiscoInfo.from(r.payload()));
    }

    /**
     * Asks an entity for its items (e.g. a server's components).
     *
     * @param jid the entity, or null for our own account (the server answers for it)
     * @return its items
     */
    public CompletableFuture<List<DiscoItem>> items(Jid jid) {
        return client.sendIq(Iq.get(jid, Stanza.builder("query").namespace(ITEMS).build()))
                .thenApply(r -> DiscoItem.listFrom(r.payload()));
    }

    private Stanza answerInfo(Iq request) {
        Stanza.Builder q = Stanza.builder("query").namespace(INFO);
        String node = request.payload().attribute("node");
        if (node != null) {
            q.attribute("node", node);
        }
        for (DiscoIdentity i : identities) {
            q.child(i.toStanza());
        }
        for (String f : features()) {
            q.child(Stanza.builder("feature").attribute("var", f).build());
        }
        return q.build();
    }

    private Stanza answerItems(Iq request) {
        Stanza.Builder q = Stanza.builder("query").namespace(ITEMS);
        for (DiscoItem i : items) {
            q.child(i.toStanza());
        }
        return q.build();
    }
}
