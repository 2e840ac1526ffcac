package io.github.strophejna.xep.muc;

import io.github.strophejna.client.XmppException;

/** The nickname is already taken in the room (XEP-0045 §7.2.9, condition {@code conflict}). */
public final class NickConflictException extends XmppException {

    private static final long serialVersionUID = 1L;

    /** @param room the room @param nick the taken nickname */
    public NickConflictException(String room, String nick) {
        super("the nickname '" + nick + "' is already in use in " + room);
    }
}
