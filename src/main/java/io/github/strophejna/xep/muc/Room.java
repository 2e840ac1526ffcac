package io.github.strophejna.xep.muc;

import io.github.strophejna.client.Registration;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A joined room (XEP-0045): its occupants, subject and messages. Thread-safe; listeners run where the
 * client runs its handlers.
 */
public final class Room {

    static final String NS_USER = MultiUserChat.NAMESPACE + "#user";

    private final XmppClient client;
    private final Jid jid;
    private volatile String nick;
    private volatile String subject;
    private final Map<String, Occupant> occupants = new ConcurrentHashMap<>();
    private final List<Consumer<Message>> messageListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Message>> privateListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Occupant, Presence>> occupantListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> subjectListeners = new CopyOnWriteArrayList<>();

    Room(XmppClient client, Jid jid, String nick) {
        this.client = client;
        this.jid = jid;
        this.nick = nick;
    }

    /** @return the room's bare JID */
    public Jid jid() {
        return jid;
    }

    /** @return our nickname in it */
    public String nick() {
        return nick;
    }

    /** @return the subject, or null */
    public String subject() {
        return subject;
    }

    /** @return the occupants by nickname, ourselves included */
    public Map<String, Occupant> occupants() {
        return Map.copyOf(occupants);
    }

    /**
     * Sends a message to everyone in the room.
     *
     * @param body the text
     * @return completes when sent
     */
    public CompletableFuture<Void> send(String body) {
        return client.send(Message.builder().to(jid).type(Message.Type.GROUPCHAT).body(body).build());
    }

    /**
     * Sends a private message to one occupant through the room.
     *
     * @param toNick the occupant
     * @param body the text
     * @return completes when sent
     */
    public CompletableFuture<Void> sendPrivate(String toNick, String body) {
        return client.send(Message.builder().to(jid.withResource(toNick)).type(Message.Type.CHAT).body(body)
                .extension(Stanza.builder("x").namespace(NS_USER).build()).build());
    }

    /**
     * Changes the subject (needs the right to).
     *
     * @param newSubject the subject
     * @return completes when sent
     */
    public CompletableFuture<Void> setSubject(String newSubject) {
        return client.send(Message.builder().to(jid).type(Message.Type.GROUPCHAT).subject(newSubject).build());
    }

    /**
     * Changes the room's configuration (owners only): each field of the service's {@code muc#roomconfig} form,
     * e.g. {@code muc#roomconfig_passwordprotectedroom = 1} and {@code muc#roomconfig_roomsecret = ...}.
     *
     * @param fields field names and values
     * @return completes when the service accepted it
     */
    public CompletableFuture<Void> configure(Map<String, String> fields) {
        Stanza.Builder form = Stanza.builder("x").namespace("jabber:x:data").attribute("type", "submit")
                .child(Stanza.builder("field").attribute("var", "FORM_TYPE").attribute("type", "hidden")
                        .textChild("value", "http://jabber.org/protocol/muc#roomconfig").build());
        fields.forEach((k, v) -> form.child(Stanza.builder("field").attribute("var", k).textChild("value", v).build()));
        return client.sendIq(io.github.strophejna.stanza.Iq.set(jid, Stanza.builder("query")
                .namespace(MultiUserChat.NAMESPACE + "#owner").child(form.build()).build())).thenApply(r -> null);
    }

    /** @return leaves the room; completes when sent */
    public CompletableFuture<Void> leave() {
        MultiUserChat.of(client).forget(jid);
        return client.send(Presence.builder().to(jid.withResource(nick)).type(Presence.Type.UNAVAILABLE).build());
    }

    /** @param listener gets every groupchat message with a body (history included) @return removes it */
    public Registration onMessage(Consumer<Message> listener) {
        messageListeners.add(listener);
        return () -> messageListeners.remove(listener);
    }

    /** @param listener gets private messages from occupants @return removes it */
    public Registration onPrivateMessage(Consumer<Message> listener) {
        privateListeners.add(listener);
        return () -> privateListeners.remove(listener);
    }

    /** @param listener gets each occupant's presence as it joins, changes or leaves @return removes it */
    public Registration onOccupantChange(BiConsumer<Occupant, Presence> listener) {
        occupantListeners.add(listener);
        return () -> occupantListeners.remove(listener);
    }

    /** @param listener gets each new subject @return removes it */
    public Registration onSubject(Consumer<String> listener) {
        subjectListeners.add(listener);
        return () -> subjectListeners.remove(listener);
    }

    void onPresence(Presence p) {
        String who = p.from().resource();
        if (who == null) {
            return;
        }
        Stanza x = p.stanza().child("x", NS_USER);
        Stanza item = x == null ? null : x.child("item");
        Occupant o = new Occupant(who, item == null ? "none" : item.attribute("affiliation"),
                item == null ? "none" : item.attribute("role"), item == null ? null : item.attribute("jid"));
        if (p.type() == Presence.Type.UNAVAILABLE) {
            occupants.remove(who);
        } else {
            occupants.put(who, o);
        }
        occupantListeners.forEach(l -> l.accept(o, p));
    }

    void onMessage(Message m) {
        if (m.type() == Message.Type.GROUPCHAT) {
            String s = m.subject();
            if (s != null && m.body() == null) {
                subject = s;
                subjectListeners.forEach(l -> l.accept(s));
            }
            if (m.body() != null) {
                messageListeners.forEach(l -> l.accept(m));
            }
        } else if (m.body() != null && m.from().resource() != null) {
            privateListeners.forEach(l -> l.accept(m));
        }
    }

    static boolean hasStatus(Presence p, String code) {
        Stanza x = p.stanza().child("x", NS_USER);
        if (x == null) {
            return false;
        }
        for (Stanza s : x.elements()) {
            if (s.name().equals("status") && code.equals(s.attribute("code"))) {
                return true;
            }
        }
        return false;
    }
}
