package io.github.strophejna.jna.internal;

import io.github.strophejna.jna.XmppMem;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.HashMap;
import java.util.Map;

/**
 * A libstrophe allocator ({@code xmpp_mem_t}) that counts: every allocation libstrophe makes for one context
 * goes through libc's malloc, realloc and free as usual, and is recorded, so a test can prove that all of
 * them were freed after {@code xmpp_ctx_free}. Hand-written beside the generated binding.
 *
 * <p>A diagnostic, never the default: each allocation costs a native-to-Java call (about a microsecond) and
 * a map entry. Give {@link #struct()} to {@code xmpp_ctx_new}; this object and its callbacks must then stay
 * strongly referenced until {@code xmpp_ctx_free} has returned (libstrophe keeps the pointer to the
 * structure, and a collected callback crashes the JVM).
 *
 * <p>Thread-safe: libstrophe calls it on the context's loop thread, the counters may be read from any.
 */
public final class CountingAllocator {

    /** Address to size of each live block. */
    private final Map<Long, Long> live = new HashMap<>();
    private long liveBytes;
    private long peakLiveBytes;
    private long totalAllocations;
    private long failures;

    private final XmppMem.AllocCallback alloc = (size, userdata) -> allocate(size.longValue());
    private final XmppMem.FreeCallback free = (p, userdata) -> release(p);
    private final XmppMem.ReallocCallback realloc = (p, size, userdata) -> reallocate(p, size.longValue());
    private final XmppMem struct = new XmppMem();

    /** Prepares the structure; nothing is allocated yet. */
    public CountingAllocator() {
        struct.alloc = alloc;
        struct.free = free;
        struct.realloc = realloc;
        struct.userdata = Pointer.NULL;
        struct.write();
        struct.setAutoRead(false); // libstrophe never writes it; reading it back would only cost time
    }

    /** @return the {@code xmpp_mem_t} to pass to {@code xmpp_ctx_new}; keep this object reachable while the context lives */
    public XmppMem struct() {
        return struct;
    }

    /** @return blocks allocated and not yet freed */
    public synchronized long liveAllocations() {
        return live.size();
    }

    /** @return bytes in the blocks not yet freed */
    public synchronized long liveBytes() {
        return liveBytes;
    }

    /** @return the most bytes live at any one time */
    public synchronized long peakLiveBytes() {
        return peakLiveBytes;
    }

    /** @return allocations and reallocations made so far (a realloc of a null pointer counts once) */
    public synchronized long totalAllocations() {
        return totalAllocations;
    }

    /** @return requests libc could not satisfy (returned as NULL to libstrophe) */
    public synchronized long failures() {
        return failures;
    }

    @Override
    public synchronized String toString() {
        return "CountingAllocator[live=" + live.size() + " blocks/" + liveBytes + " bytes, peak=" + peakLiveBytes
                + " bytes, total=" + totalAllocations + " allocations]";
    }

    private synchronized Pointer allocate(long size) {
        Pointer p = LibC.malloc(new NativeLong(size));
        if (p == null) {
            failures++;
            return null;
        }
        totalAllocations++;
        track(p, size);
        return p;
    }

    private synchronized void release(Pointer p) {
        if (p == null) {
            return;
        }
        Long size = live.remove(Pointer.nativeValue(p));
        if (size == null) {
            // not ours: freeing it would corrupt the heap of whoever owns it; leaking it is the lesser harm
            failures++;
            return;
        }
        liveBytes -= size;
        LibC.free(p);
    }

    private synchronized Pointer reallocate(Pointer p, long size) {
        if (p == null) {
            return allocate(size);
        }
        if (size == 0) {
            release(p); // what glibc's realloc(p, 0) does
            return null;
        }
        Long old = live.get(Pointer.nativeValue(p));
        if (old == null) {
            failures++;
            return null; // not ours, as in release
        }
        Pointer moved = LibC.realloc(p, new NativeLong(size));
        if (moved == null) {
            failures++;
            return null; // the old block stays valid and live, as realloc(3) says
        }
        totalAllocations++;
        live.remove(Pointer.nativeValue(p));
        liveBytes -= old;
        track(moved, size);
        return moved;
    }

    private void track(Pointer p, long size) {
        live.put(Pointer.nativeValue(p), size);
        liveBytes += size;
        peakLiveBytes = Math.max(peakLiveBytes, liveBytes);
    }
}
