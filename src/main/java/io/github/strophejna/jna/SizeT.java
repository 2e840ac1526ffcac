package io.github.strophejna.jna;

import com.sun.jna.IntegerType;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** C {@code size_t}: unsigned, as wide as the platform's pointers. Hand-written beside the generated binding. */
public final class SizeT extends IntegerType {

    private static final long serialVersionUID = 1L;

    /** Zero (JNA needs this constructor to convert native values). */
    public SizeT() {
        this(0);
    }

    /**
     * A size.
     *
     * @param value a non-negative size
     */
    public SizeT(long value) {
        super(Native.SIZE_T_SIZE, value, true);
    }

    /** A {@code size_t *} out-parameter. */
    public static final class ByReference extends com.sun.jna.ptr.ByReference {

        /** Zero-initialised. */
        public ByReference() {
            super(Native.SIZE_T_SIZE);
            getPointer().setLong(0, 0);
        }

        /**
         * The value the callee wrote.
         *
         * @return the size
         */
        public long getValue() {
            Pointer p = getPointer();
            return Native.SIZE_T_SIZE == 8 ? p.getLong(0) : p.getInt(0) & 0xFFFF_FFFFL;
        }
    }
}
