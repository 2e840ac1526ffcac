package io.github.strophejna.client;

import io.github.strophejna.jna.internal.CountingAllocator;

/**
 * An event-loop thread that clients share: an IoT gateway runs hundreds of connections on one thread. Each
 * client on it still has a libstrophe context of its own ({@code xmpp_ctx_t}), so what libstrophe says about
 * one connection (a refused login, a lost socket) is never taken for another's; the thread runs libstrophe
 * only for the connections that have something to do. A client built without one gets its own, named after its JID.
 *
 * <p>Reference-counted: {@link #create} gives the caller one reference, each client built on it takes one,
 * and the loop stops and the native context is freed when the last is released ({@link #close()} for the
 * creator, {@link XmppClient#close()} for clients). Thread-safe.
 */
public final class XmppContext implements AutoCloseable {

    private final EventLoop loop;
    private final LogLevel logLevel;
    /** Null normally; a test's counting allocator, given to every libstrophe context made on this loop. */
    private final CountingAllocator allocator;
    private int references = 1;
    private boolean creatorReleased;

    private XmppContext(String threadName, LogLevel logLevel, CountingAllocator allocator) {
        this.logLevel = java.util.Objects.requireNonNull(logLevel, "logLevel");
        this.allocator = allocator;
        this.loop = new EventLoop(threadName);
    }

    /**
     * Starts a context with its loop thread.
     *
     * @param threadName the loop thread's name
     * @param logLevel the lowest libstrophe log level forwarded to SLF4J for every client on it (a client's
     *        own {@link XmppClient.Builder#libstropheLogLevel}, when lower, wins for that client)
     * @return the context, holding one reference for the caller
     * @throws io.github.strophejna.jna.LibStropheException when libstrophe cannot be loaded
     */
    public static XmppContext create(String threadName, LogLevel logLevel) {
        return new XmppContext(threadName, logLevel, null);
    }

    /**
     * The test mode of the native-memory tests: a context whose libstrophe allocations all go through the
     * given counting allocator, so a test can check that every one was freed once the context is. Never the
     * default (each allocation then costs a call into Java); not public, as it is a diagnostic.
     *
     * @param threadName the loop thread's name
     * @param logLevel the lowest libstrophe log level forwarded to SLF4J
     * @param allocator counts; stays referenced by the context until its native context is freed
     * @return the context, holding one reference for the caller
     */
    static XmppContext createCounting(String threadName, LogLevel logLevel, CountingAllocator allocator) {
        return new XmppContext(threadName, logLevel, java.util.Objects.requireNonNull(allocator, "allocator"));
    }

    /**
     * Starts a context forwarding libstrophe's warnings and errors.
     *
     * @param threadName the loop thread's name
     * @return the context
     */
    public static XmppContext create(String threadName) {
        return create(threadName, LogLevel.WARN);
    }

    /** @return true when the calling thread is this context's loop thread */
    public boolean inEventLoop() {
        return loop.inEventLoop();
    }

    EventLoop loop() {
        return loop;
    }

    /** @return a new libstrophe context for one connection on this loop; loop thread */
    NativeContext newNativeContext(LogLevel clientLevel) {
        return NativeContext.create(clientLevel.nativeLevel < logLevel.nativeLevel ? clientLevel : logLevel, allocator);
    }

    synchronized void acquire() {
        if (references == 0) {
            throw new IllegalStateException("the XmppContext " + loop.name() + " is closed");
        }
        references++;
    }

    void release() {
        boolean last;
        synchronized (this) {
            last = references > 0 && --references == 0;
        }
        if (last) {
            loop.shutdown();
        }
    }

    /** Releases the creator's reference; the loop stops once no client uses it. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (creatorReleased) {
                return;
            }
            creatorReleased = true;
        }
        release();
    }
}
