package io.github.strophejna.xep.pubsub;

import io.github.strophejna.stanza.Stanza;

/**
 * One published item.
 *
 * @param id its id
 * @param payload its payload element, or null (a notification without payload, or a retraction)
 */
public record PubSubItem(String id, Stanza payload) {
}
