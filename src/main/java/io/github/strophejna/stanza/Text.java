package io.github.strophejna.stanza;

import java.util.Objects;

/**
 * Character data inside an element, unescaped.
 *
 * @param value the text
 */
public record Text(String value) implements Node {

    /** @param value the text, not null */
    public Text {
        Objects.requireNonNull(value, "text");
    }
}
