package io.github.strophejna.xep.muc;

/**
 * Someone in a room (XEP-0045).
 *
 * @param nick the occupant's nickname
 * @param affiliation owner, admin, member, outcast or none
 * @param role moderator, participant, visitor or none
 * @param realJid the occupant's real JID when the room shows it, or null
 */
public record Occupant(String nick, String affiliation, String role, String realJid) {
}
