package io.github.strophejna.jna;

import com.sun.jna.IntegerType;

/** C {@code unsigned short} (a TCP port in strophe.h). Hand-written beside the generated binding. */
public final class UnsignedShort extends IntegerType {

    private static final long serialVersionUID = 1L;

    /** Zero (JNA needs this constructor to convert native values). */
    public UnsignedShort() {
        this(0);
    }

    /**
     * A value from 0 to 65535.
     *
     * @param value the value
     * @throws IllegalArgumentException outside 0..65535
     */
    public UnsignedShort(int value) {
        super(2, checked(value), true);
    }

    private static int checked(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("not an unsigned short: " + value);
        }
        return value;
    }
}
