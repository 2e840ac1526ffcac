package io.github.strophejna.client;

import com.sun.jna.NativeLong;
import io.github.strophejna.jna.CountingAllocator;
import io.github.strophejna.jna.LibStrophe;
import io.github.strophejna.jna.Poller;
import io.github.strophejna.jna.Strophe;
import io.github.strophejna.jna.WakeupPipe;
import io.github.strophejna.jna.XmppCtx;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that owns a libstrophe context and everything in it. Every native call on the context and its
 * connections happens here; other threads hand work over with {@link #execute(Runnable)}.
 *
 * <p>How it waits, and why: libstrophe's own {@code xmpp_run_once(ctx, timeout)} blocks in {@code select()}
 * and nothing can wake it, so a short timeout costs CPU while idle and a long one delays every send from
 * another thread. Instead the thread waits in poll(2) on the connections' sockets (learnt from libstrophe's
 * sockopt callback, or on 0.11, which has none, from its log) plus a wake-up pipe that {@link #execute}
 * writes to, and then runs
 * {@code xmpp_run_once(ctx, 0)}, which never blocks. The wait is bounded by the next timer, by 50 ms while a
 * connection is connecting or closing (libstrophe checks those timeouts itself, inside run_once), and by one
 * second otherwise (libstrophe's own timed handlers), so an idle client wakes once a second for about a
 * microsecond. After data arrived it runs a few more zero-timeout passes: a TLS record larger than
 * libstrophe's 4096-byte read leaves decrypted bytes inside OpenSSL that poll cannot see.
 */
final class EventLoop {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    private static final NativeLong ZERO = new NativeLong(0);
    /** 16 KiB, the largest TLS record, in libstrophe's 4 KiB reads. */
    private static final int DRAIN_PASSES = 4;
    private static final int IDLE_WAIT_MILLIS = 1000;
    private static final int BUSY_WAIT_MILLIS = 50;
    /**
     * Held by every loop around its libstrophe pass while one of its connections is connecting (or closing):
     * libstrophe's SHA-1 (0.12 to at least 0.14) hashes in a static buffer, so two contexts computing a
     * SCRAM-SHA-1 login at once on two threads corrupt each other's proof and the server answers
     * not-authorized to a right password. Connected loops never take it.
     */
    private static final Object LOGIN_LOCK = new Object();

    /** What the loop needs to know about a connection to wait for it. Called on the loop thread only. */
    interface Watched {
        /** @return the socket, or -1 when there is none */
        int fd();

        /** @return true while connecting or closing (libstrophe checks a timeout then) */
        boolean busy();

        /** @return true when there is data waiting to be written */
        boolean wantsWrite();

        /** The socket turned out to be closed; forget it until libstrophe opens a new one. */
        void forgetFd();

        /** poll reported the socket writable while {@link #wantsWrite()} asked for it. */
        void writable();

        /**
         * libstrophe logged a failed TLS handshake during the pass that just ended, on some connection of this
         * context: each connection checks whether it was its own. Called between two passes, the one point
         * where a native connection may be released.
         */
        void afterFailedTlsStart();

        /** Called after the pass in which it asked for it ({@link EventLoop#afterPass}), before the next. */
        void afterPass();
    }

    /** A timer on the loop thread. */
    final class Timer implements Comparable<Timer> {
        final long deadline;
        final Runnable task;
        boolean cancelled;

        Timer(long deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }

        /** Cancels it; any thread. */
        void cancel() {
            if (inEventLoop()) {
                cancelled = true;
            } else {
                execute(() -> cancelled = true);
            }
        }

        @Override
        public int compareTo(Timer o) {
            return Long.compare(deadline - o.deadline, 0); // nanoTime values compare by difference only
        }
    }

    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final List<Watched> watched = new ArrayList<>();
    /** Connections to call back once the current pass returns (see {@link #afterPass(Watched)}). */
    private final List<Watched> afterPass = new ArrayList<>();
    private final Poller poller = new Poller();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    /** Set once the loop has run its last task; what is queued later is rejected, see {@link #execute}. */
    private volatile boolean terminated;
    private volatile RuntimeException startFailure;
    private WakeupPipe wakeup;
    private XmppCtx ctx;
    private LibstropheLog log;
    /** Null normally; a test's counting allocator, referenced here until the context is freed. */
    private final CountingAllocator allocator;
    private int drainPasses;
    /** Counts stanzas handled; a pass that moved it is followed by another pass before waiting. */
    private long progress;

    /**
     * The loop thread's stack. libstrophe renders and frees a received stanza recursively, on this thread:
     * with Java's default 1 MiB a server sending an element nested ~30,000 deep (a few hundred KB) killed the
     * JVM with SIGSEGV. 64 MiB of address space (committed only as used) takes over 200,000 levels.
     */
    static final long STACK_BYTES = 64L << 20;

    EventLoop(String name, LogLevel logLevel, CountingAllocator allocator) {
        this.allocator = allocator;
        LibStrophe.load(); // a clear LibStropheException here, on the caller's thread
        thread = new Thread(null, () -> run(logLevel), name, STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the event loop", e);
        }
        if (startFailure != null) {
            throw startFailure;
        }
    }

    /** @return true when called on this loop's thread */
    boolean inEventLoop() {
        return Thread.currentThread() == thread;
    }

    /** @return the loop thread's name */
    String name() {
        return thread.getName();
    }

    /** @return the libstrophe context; loop thread only */
    XmppCtx ctx() {
        assert inEventLoop();
        return ctx;
    }

    /**
     * Queues a task for the loop thread and wakes it. From the loop thread itself the task runs after the
     * current one, not inline.
     *
     * @throws RejectedExecutionException when the loop has stopped
     */
    void execute(Runnable task) {
        if (stopping && !inEventLoop()) {
            throw new RejectedExecutionException("the event loop " + name() + " has stopped");
        }
        tasks.add(task);
        if (terminated) {
            rejectLeftovers(); // the loop ended between the check above and the add: nobody else will run it
            return;
        }
        if (!inEventLoop() && wakePending.compareAndSet(false, true)) {
            wakeup.wake();
        }
    }

    /**
     * Runs a call on the loop thread: inline when already there, else queued.
     *
     * @return its result, completed on the loop thread
     */
    <T> CompletableFuture<T> call(Callable<T> call) {
        return call(call, true);
    }

    /**
     * Runs a call on the loop thread, always queued, even from the loop thread itself: for native calls
     * that must not run inside one of libstrophe's own callbacks, where user code (a handler, a future's
     * continuation) may be when it calls us. {@code xmpp_connect_client} is one: it frees the connection's
     * handler lists, and libstrophe, back from the callback, goes on walking the list it was walking (a
     * reconnect from the continuation of a disconnect future corrupted the heap that way).
     *
     * @return its result, completed on the loop thread
     */
    <T> CompletableFuture<T> callOutsideCallbacks(Callable<T> call) {
        return call(call, false);
    }

    private <T> CompletableFuture<T> call(Callable<T> call, boolean inline) {
        CompletableFuture<T> f = new CompletableFuture<>();
        CallTask<T> r = new CallTask<>(call, f);
        if (inline && inEventLoop()) {
            r.run();
        } else {
            try {
                execute(r);
            } catch (RejectedExecutionException e) {
                f.completeExceptionally(new IllegalStateException("closed", e));
            }
        }
        return f;
    }

    /** A call whose caller waits on its future: failed, not dropped, when the loop ends before running it. */
    private final class CallTask<T> implements Runnable {
        private final Callable<T> call;
        private final CompletableFuture<T> future;

        CallTask(Callable<T> call, CompletableFuture<T> future) {
            this.call = call;
            this.future = future;
        }

        @Override
        public void run() {
            try {
                future.complete(call.call());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }

        void reject() {
            future.completeExceptionally(new IllegalStateException("closed: the event loop " + name() + " has stopped"));
        }
    }

    /** Fails the calls queued after the loop ended (it never runs them); plain tasks are dropped. */
    private void rejectLeftovers() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            if (r instanceof CallTask<?> c) {
                c.reject();
            } else {
                LOG.debug("a task queued after the event loop {} stopped was dropped", name());
            }
        }
    }

    /** @return libstrophe's latest login-failure note not yet taken, or null; loop thread only */
    LibstropheLog.FailureNote takeFailureNote() {
        return log.takeFailure();
    }

    /** @return the text of the stanza libstrophe is dispatching, from its log, or null; loop thread only */
    String takeReceivedText() {
        return log.takeReceivedText();
    }

    /** Has {@link Watched#afterPass()} called once the current libstrophe pass returns; loop thread only, from inside a pass. */
    void afterPass(Watched w) {
        afterPass.add(w);
    }

    /** @return the socket libstrophe 0.11 logged for the connect just made, or -1; loop thread only */
    int takeLoggedSocket() {
        return log.takeSocket();
    }

    /** @return libstrophe's latest Stream Management answer not yet taken, or null; loop thread only */
    LibstropheLog.SmNote takeSmNote() {
        return log.takeSmNote();
    }

    /** Longest delay: "never" in practice, and far enough from overflow that deadlines still compare. */
    private static final long MAX_DELAY_MILLIS = TimeUnit.DAYS.toMillis(365);

    /** Runs a task after a delay (at most a year); loop thread only. */
    Timer schedule(long delayMillis, Runnable task) {
        assert inEventLoop();
        // An overflowing deadline would sort before every other timer and hold them all back.
        long delay = Math.min(Math.max(0, delayMillis), MAX_DELAY_MILLIS);
        Timer t = new Timer(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay), task);
        timers.add(t);
        return t;
    }

    /** Notes that a stanza was handled; loop thread only. */
    void madeProgress() {
        progress++;
    }

    /** Starts watching a connection's socket; loop thread only. */
    void watch(Watched w) {
        assert inEventLoop();
        watched.add(w);
    }

    /** Stops watching it; loop thread only. */
    void unwatch(Watched w) {
        assert inEventLoop();
        watched.remove(w);
    }

    /** Stops the loop after the tasks already queued, frees the context, and waits for the thread to end. */
    void shutdown() {
        if (!stopping) {
            stopping = true;
            if (!inEventLoop()) {
                wakeup.wake();
            }
        }
        if (!inEventLoop()) {
            try {
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(LogLevel logLevel) {
        try {
            NativeInit.ensure();
            wakeup = new WakeupPipe();
            log = new LibstropheLog(logLevel);
            ctx = Strophe.xmpp_ctx_new(allocator == null ? null : allocator.struct(), log.struct());
            if (ctx == null || ctx.getPointer() == null) {
                throw new IllegalStateException("xmpp_ctx_new failed (out of memory?)");
            }
        } catch (RuntimeException | Error e) {
            startFailure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            started.countDown();
            stopped.countDown();
            return;
        }
        started.countDown();
        try {
            loop();
        } finally {
            terminated = true;
            Strophe.xmpp_ctx_free(ctx);
            wakeup.close();
            rejectLeftovers();
            stopped.countDown();
        }
    }

    private void loop() {
        while (true) {
            wakePending.set(false);
            runTasks();
            runTimers();
            if (stopping && tasks.isEmpty()) {
                return;
            }
            long before = progress;
            if (anyBusy()) {
                synchronized (LOGIN_LOCK) {
                    runOnce();
                }
            } else {
                runOnce();
            }
            if (!tasks.isEmpty() || progress != before) {
                continue; // stanzas came in: more may be waiting, so skip the poll syscall until a pass is empty
            }
            await(timeoutMillis());
        }
    }

    private void runOnce() {
        pass();
        for (; drainPasses > 0; drainPasses--) {
            pass();
        }
    }

    private void pass() {
        Strophe.xmpp_run_once(ctx, ZERO);
        while (!afterPass.isEmpty()) {
            try {
                afterPass.remove(afterPass.size() - 1).afterPass();
            } catch (RuntimeException e) {
                LOG.error("a connection of {} could not finish its pass", name(), e);
            }
        }
        if (log.takeTlsStartFailure()) {
            for (Watched w : List.copyOf(watched)) {
                try {
                    w.afterFailedTlsStart();
                } catch (RuntimeException e) {
                    LOG.error("a failed TLS start on {} could not be handled", name(), e);
                }
            }
        }
    }

    private boolean anyBusy() {
        for (Watched w : watched) {
            if (w.busy()) {
                return true;
            }
        }
        return false;
    }

    private void runTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            try {
                r.run();
            } catch (Throwable t) {
                LOG.error("a task on the event loop {} failed", name(), t);
            }
        }
    }

    private void runTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().deadline - now <= 0) {
            Timer t = timers.poll();
            if (!t.cancelled) {
                try {
                    t.task.run();
                } catch (Throwable e) {
                    LOG.error("a timer on the event loop {} failed", name(), e);
                }
            }
        }
    }

    private int timeoutMillis() {
        long wait = anyBusy() ? BUSY_WAIT_MILLIS : IDLE_WAIT_MILLIS;
        while (!timers.isEmpty() && timers.peek().cancelled) {
            timers.poll();
        }
        if (!timers.isEmpty()) {
            long untilTimer = TimeUnit.NANOSECONDS.toMillis(timers.peek().deadline - System.nanoTime()) + 1;
            wait = Math.max(0, Math.min(wait, untilTimer));
        }
        return (int) wait;
    }

    private void await(int timeout) {
        poller.clear();
        poller.add(wakeup.readFd(), Poller.POLLIN);
        int n = watched.size();
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            Watched w = watched.get(i);
            int fd = w.fd();
            index[i] = fd < 0 ? -1 : poller.add(fd, (short) (Poller.POLLIN | (w.wantsWrite() ? Poller.POLLOUT : 0)));
        }
        if (poller.await(timeout) == 0) {
            return;
        }
        if (poller.returned(0) != 0) {
            wakeup.drain();
        }
        for (int i = 0; i < n; i++) {
            if (index[i] < 0) {
                continue;
            }
            short ev = poller.returned(index[i]);
            if ((ev & Poller.POLLNVAL) != 0) {
                watched.get(i).forgetFd();
                continue;
            }
            if ((ev & (Poller.POLLIN | Poller.POLLHUP | Poller.POLLERR)) != 0) {
                drainPasses = DRAIN_PASSES;
            }
            if ((ev & Poller.POLLOUT) != 0) {
                watched.get(i).writable();
            }
        }
    }
}
