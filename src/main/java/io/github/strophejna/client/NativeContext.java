package io.github.strophejna.client;

import com.sun.jna.NativeLong;
import io.github.strophejna.jna.internal.CountingAllocator;
import io.github.strophejna.jna.Strophe;
import io.github.strophejna.jna.XmppCtx;

/**
 * One libstrophe context ({@code xmpp_ctx_t}) and its log, for one connection: libstrophe's log lines name no
 * connection, so a context per connection is what makes every signal read from the log exact. Freed when its
 * last holder lets go: the connection, and a detached Stream Management state, which libstrophe ties to the
 * context it came from. Loop thread only.
 */
final class NativeContext {

    private static final NativeLong ZERO = new NativeLong(0);

    private final XmppCtx ctx;
    private final LibstropheLog log;
    /** Null normally; a test's counting allocator, referenced here until the context is freed. */
    private final CountingAllocator allocator;
    private int holders = 1;

    private NativeContext(XmppCtx ctx, LibstropheLog log, CountingAllocator allocator) {
        this.ctx = ctx;
        this.log = log;
        this.allocator = allocator;
    }

    /**
     * @param level the lowest libstrophe level forwarded to SLF4J
     * @param allocator a counting allocator (tests), or null for libstrophe's own
     * @return a context with one holder, the caller
     */
    static NativeContext create(LogLevel level, CountingAllocator allocator) {
        NativeInit.ensure();
        LibstropheLog log = new LibstropheLog(level);
        XmppCtx ctx = Strophe.xmpp_ctx_new(allocator == null ? null : allocator.struct(), log.struct());
        if (ctx == null || ctx.getPointer() == null) {
            throw new IllegalStateException("xmpp_ctx_new failed (out of memory?)");
        }
        // libstrophe 0.11's xmpp_ctx_new leaves the verbosity uninitialised: whatever was in memory could turn on
        // its QUEUED lines, which carry the SASL exchange
        Strophe.xmpp_ctx_set_verbosity(ctx, 0);
        return new NativeContext(ctx, log, allocator);
    }

    XmppCtx ctx() {
        return ctx;
    }

    LogSignals signals() {
        return log.signals();
    }

    /** One libstrophe pass over this context's connection, never blocking. */
    void runOnce() {
        Strophe.xmpp_run_once(ctx, ZERO);
    }

    void hold() {
        if (holders == 0) {
            throw new IllegalStateException("this libstrophe context is already freed");
        }
        holders++;
    }

    /** Lets go of it; the last holder frees it (its connections must be released by then). */
    void letGo() {
        if (holders > 0 && --holders == 0) {
            Strophe.xmpp_ctx_free(ctx);
        }
    }

    /** @return the allocator given at creation (kept reachable while libstrophe may call it) */
    CountingAllocator allocator() {
        return allocator;
    }
}
