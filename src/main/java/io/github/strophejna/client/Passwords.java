package io.github.strophejna.client;

import java.util.Arrays;

/** The rules every password and secret handed to libstrophe follows. */
final class Passwords {

    private Passwords() {
    }

    /** @throws IllegalArgumentException when it holds a NUL, where C would cut it */
    static void requireNoNul(char[] password) {
        for (char c : password) {
            if (c == '\0') {
                throw new IllegalArgumentException("the password holds a NUL character, where libstrophe would cut it");
            }
        }
    }

    /** Overwrites a copy no longer needed, so no readable password stays in memory. */
    static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}
