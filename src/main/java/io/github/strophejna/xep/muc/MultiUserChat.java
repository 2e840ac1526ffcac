package io.github.strophejna.xep.muc;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.client.XmppErrorException;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaError;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Multi-User Chat (XEP-0045) for one client: join or create rooms, then use them through {@link Room}.
 * One instance per client ({@link #of}); thread-safe.
 */
public final class MultiUserChat {

    /** The MUC namespace. */
    public static final String NAMESPACE = "http://jabber.org/protocol/muc";
    private static final String NS_OWNER = NAMESPACE + "#owner";

    private final XmppClient client;
    private final Map<Jid, Room> rooms = new ConcurrentHashMap<>();
    private final Map<Jid, CompletableFuture<Room>> joining = new ConcurrentHashMap<>();

    private MultiUserChat(XmppClient client) {
        this.client = client;
        client.onPresence(this::onPresence);
        client.onMessage(this::onMessage);
    }

    /**
     * The client's MUC helper, made on first use; it watches presence and messages from rooms from now on.
     *
     * @param client the client
     * @return its helper (the same one on every call)
     */
    public static MultiUserChat of(XmppClient client) {
        return Objects.requireNonNull(client, "client").extension(MultiUserChat.class, MultiUserChat::new);
    }

    /**
     * Joins a room.
     *
     * @param room the room's bare JID, e.g. lobby@conference.example.org
     * @param nick the nickname
     * @param password the room's password, or null
     * @return the room once the server confirms; fails with {@link NickConflictException} when the nickname is
     *         taken, with {@link XmppErrorException} for other refusals
     */
    public CompletableFuture<Room> join(Jid room, String nick, String password) {
        Objects.requireNonNull(nick, "nick");
        Jid bare = room.bare();
        CompletableFuture<Room> f = new CompletableFuture<>();
        rooms.put(bare, new Room(client, bare, nick));
        joining.put(bare, f);
        Stanza.Builder x = Stanza.builder("x").namespace(NAMESPACE);
        if (password != null) {
            x.textChild("password", password);
        }
        client.send(Presence.builder().to(bare.withResource(nick)).extension(x.build()).build())
                .whenComplete((v, e) -> {
                    if (e != null) {
                        fail(bare, e);
                    }
                });
        return f;
    }

    /**
     * Creates a room with the service's default configuration (an "instant room"), or joins it when it
     * exists already.
     *
     * @param room the room's bare JID
     * @param nick our nickname (we become its owner)
     * @return the room
     */
    public CompletableFuture<Room> create(Jid room, String nick) {
        return join(room, nick, null);
    }

    void forget(Jid room) {
        rooms.remove(room);
    }

    private void fail(Jid room, Throwable e) {
        rooms.remove(room);
        CompletableFuture<Room> f = joining.remove(room);
        if (f != null) {
            f.completeExceptionally(e);
        }
    }

    private void onPresence(Presence p) {
        Jid from = p.from();
        if (from == null) {
            return;
        }
        Room room = rooms.get(from.bare());
        if (room == null) {
            return;
        }
        if (p.type() == Presence.Type.ERROR) {
            StanzaError err = p.error();
            fail(room.jid(), err != null && err.condition().equals("conflict")
                    ? new NickConflictException(room.jid().toString(), from.resource())
                    : new XmppErrorException(err != null ? err : new StanzaError(StanzaError.Type.CANCEL, "undefined-condition", null)));
            return;
        }
        room.onPresence(p);
        if (Room.hasStatus(p, "110")) { // our own presence: the join is complete
            if (Room.hasStatus(p, "201")) {
                // a new room is locked until configured: accept the default configuration
                client.sendIq(Iq.set(room.jid(), Stanza.builder("query").namespace(NS_OWNER)
                        .child(Stanza.builder("x").namespace("jabber:x:data").attribute("type", "submit").build()).build()))
                        .whenComplete((r, e) -> complete(room, e));
            } else {
                complete(room, null);
            }
        }
    }

    private void complete(Room room, Throwable e) {
        CompletableFuture<Room> f = joining.remove(room.jid());
        if (f == null) {
            return;
        }
        if (e != null) {
            f.completeExceptionally(e);
        } else {
            f.complete(room);
        }
    }

    private void onMessage(Message m) {
        Jid from = m.from();
        if (from == null) {
            return;
        }
        Room room = rooms.get(from.bare());
        if (room != null) {
            room.onMessage(m);
        }
    }
}
