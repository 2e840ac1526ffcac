package io.github.strophejna.stanza;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/**
 * The random source of stanza ids. Answers to IQs are matched by id, so ids must be unguessable; but
 * {@code SecureRandom}'s provider set-up costs a one-shot process about 20 ms before its first id. The
 * kernel's random device gives the same quality at once: read a block at a time, so an id costs no system
 * call in most cases. {@code SecureRandom} remains the fallback where there is no such device.
 */
final class StanzaIds {

    private static final String DEVICE = "/dev/urandom";
    private static final byte[] BLOCK = new byte[4096];
    private static int used = BLOCK.length;
    private static InputStream device;
    private static SecureRandom fallback;

    private StanzaIds() {
    }

    /** Fills {@code id} with characters drawn uniformly from {@code alphabet} (at most 256); any thread. */
    static synchronized void fill(char[] id, char[] alphabet) {
        int limit = 256 - 256 % alphabet.length;   // rejecting bytes at or above it keeps the draw uniform
        for (int i = 0; i < id.length; ) {
            int b = nextByte();
            if (b < limit) {
                id[i++] = alphabet[b % alphabet.length];
            }
        }
    }

    private static int nextByte() {
        if (used == BLOCK.length) {
            refill();
            used = 0;
        }
        return BLOCK[used++] & 0xff;
    }

    private static void refill() {
        if (fallback == null) {
            try {
                if (device == null) {
                    device = new FileInputStream(DEVICE);
                }
                if (device.readNBytes(BLOCK, 0, BLOCK.length) == BLOCK.length) {
                    return;
                }
            } catch (IOException | SecurityException e) {
                // not Linux or BSD, or not readable: SecureRandom from now on
            }
            fallback = new SecureRandom();
        }
        fallback.nextBytes(BLOCK);
    }
}
