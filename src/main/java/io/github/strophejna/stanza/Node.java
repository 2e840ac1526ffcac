package io.github.strophejna.stanza;

/** A child of an element: another element ({@link Stanza}) or character data ({@link Text}). */
public sealed interface Node permits Stanza, Text {
}
