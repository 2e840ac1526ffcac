package io.github.strophejna.jna.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * A reusable poll(2) set: add descriptors with the events to watch, wait, read what happened.
 * Not thread-safe: one loop thread owns it. Hand-written beside the generated binding.
 */
public final class Poller {

    /** Data to read. */
    public static final short POLLIN = 0x001;
    /** Room to write. */
    public static final short POLLOUT = 0x004;
    /** An error on the descriptor. */
    public static final short POLLERR = 0x008;
    /** The peer hung up. */
    public static final short POLLHUP = 0x010;
    /** Not an open descriptor. */
    public static final short POLLNVAL = 0x020;

    private static final int ENTRY = 8; // struct pollfd { int fd; short events; short revents; }

    private Memory entries;
    private int count;

    /** An empty set. */
    public Poller() {
        entries = new Memory(ENTRY * 16L);
    }

    /** Empties the set. */
    public void clear() {
        count = 0;
    }

    /**
     * Adds a descriptor.
     *
     * @param fd the descriptor
     * @param events what to wait for ({@link #POLLIN}, {@link #POLLOUT})
     * @return its index, for {@link #returned(int)}
     */
    public int add(int fd, short events) {
        if ((count + 1L) * ENTRY > entries.size()) {
            Memory bigger = new Memory(entries.size() * 2);
            bigger.write(0, entries.getByteArray(0, count * ENTRY), 0, count * ENTRY);
            entries = bigger;
        }
        long at = (long) count * ENTRY;
        entries.setInt(at, fd);
        entries.setShort(at + 4, events);
        entries.setShort(at + 6, (short) 0);
        return count++;
    }

    /**
     * Waits until a descriptor is ready or the timeout passes.
     *
     * @param timeoutMillis milliseconds to wait at most; 0 returns at once, -1 waits without limit
     * @return how many descriptors are ready (0 on timeout, or when interrupted by a signal)
     */
    public int await(int timeoutMillis) {
        int n = LibC.poll(entries, new NativeLong(count), timeoutMillis);
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == 4) { // EINTR: a signal, not an error
                return 0;
            }
            throw new IllegalStateException("poll failed, errno " + errno);
        }
        return n;
    }

    /**
     * What happened to the descriptor at {@code index} in the last {@link #await(int)}.
     *
     * @param index from {@link #add(int, short)}
     * @return the returned events, 0 when none
     */
    public short returned(int index) {
        return entries.getShort((long) index * ENTRY + 6);
    }
}
