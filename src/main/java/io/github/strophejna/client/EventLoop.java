package io.github.strophejna.client;

import io.github.strophejna.jna.LibStrophe;
import io.github.strophejna.jna.internal.Poller;
import io.github.strophejna.jna.internal.WakeupPipe;
import java.util.IdentityHashMap;
import java.util.Map;
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
 * One thread: its tasks, its timers, and the libstrophe passes of the connections on it (each connection has a
 * libstrophe context of its own, see {@link NativeContext}). Every native call on them happens here; other
 * threads hand work over with {@link #execute(Runnable)}. It knows no protocol.
 *
 * <p>How it waits, and why: libstrophe's own {@code xmpp_run_once(ctx, timeout)} blocks in {@code select()}
 * and nothing can wake it, so a short timeout costs CPU while idle and a long one delays every send from
 * another thread. Instead the thread waits in poll(2) on all the connections' sockets (learnt from libstrophe's
 * sockopt callback, or on 0.11, which has none, from its log) plus a wake-up pipe that {@link #execute}
 * writes to, and then runs a zero-timeout pass ({@code xmpp_run_once(ctx, 0)}, which never blocks) only for
 * the connections that need one: their socket is ready, they queued something ({@link #passSoon}), or they
 * are connecting or closing and 50 ms have gone by since their last pass (libstrophe's timed handlers and
 * timeouts exist only then, checked inside run_once). Every pass of a busy connection is followed by a second
 * at once: libstrophe writes what a pass queued (the stream header once the TCP connect is found complete, the
 * login's next step) only at the start of the next. Passing every busy connection at every turn instead made each
 * event during a mass login cost a pass of every connection still logging in.
 * A connected, quiet connection costs nothing; the thread itself wakes once a
 * second (and passes a connection whose socket it does not know). So the native work per wake-up grows with
 * the ready connections, not with all of them. After data arrived a connection gets a few more
 * passes: a TLS record larger than libstrophe's 4096-byte read leaves decrypted bytes inside OpenSSL that poll
 * cannot see.
 */
final class EventLoop {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    /** 16 KiB, the largest TLS record, in libstrophe's 4 KiB reads. */
    private static final int DRAIN_PASSES = 4;
    private static final int IDLE_WAIT_MILLIS = 1000;
    private static final int BUSY_WAIT_MILLIS = 50;
    /**
     * Held by every loop around the libstrophe pass of a connection that is connecting (or closing):
     * libstrophe's SHA-1 (0.12 to at least 0.14) hashes in a static buffer, so two contexts computing a
     * SCRAM-SHA-1 login at once on two threads corrupt each other's proof and the server answers
     * not-authorized to a right password. Passes of connected sessions never take it, and neither does any
     * pass on a library built with the project's SHA-1 fix ({@link LibraryFeatures#SHA1_REENTRANT}).
     */
    private static final Object LOGIN_LOCK = new Object();
    /** Passes run holding {@link #LOGIN_LOCK}, in this process: for tests, which check it is used iff needed. */
    private static final java.util.concurrent.atomic.AtomicLong LOCKED_PASSES = new java.util.concurrent.atomic.AtomicLong();

    /** What the loop needs to know about a connection to wait for it and run it. Called on the loop thread only. */
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
         * Runs one libstrophe pass over this connection's context, and whatever must follow it before the next.
         *
         * @return true when stanzas were handled (more may be waiting: the loop passes again before it waits)
         */
        boolean pass();
    }

    /** The loop's bookkeeping for one watched connection. */
    private static final class Member {
        final Watched watched;
        /** A pass is due at the next turn (something was queued, or the last pass made progress). */
        boolean due;
        /** Passes still to run after data arrived (see the class comment). */
        int drainPasses;
        /** While busy: when libstrophe's timers next need a pass (System.nanoTime). */
        long nextBusyPass;
        /** Busy at its last pass, so that becoming busy is seen. */
        boolean wasBusy;
        boolean gone;

        Member(Watched watched) {
            this.watched = watched;
        }
    }

    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final LoopTimers timers;
    private final Map<Watched, Member> byWatched = new IdentityHashMap<>();
    /** Copied on change: a pass may add or remove members (a handler building or closing a client). */
    private Member[] members = new Member[0];
    private long nextTick = System.nanoTime();
    private final Poller poller = new Poller();
    /** For one socket's writability between passes (see {@link #writableNow}). */
    private final Poller probe = new Poller();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    /** Set once the loop has run its last task; what is queued later is rejected, see {@link #execute}. */
    private volatile boolean terminated;
    private volatile RuntimeException startFailure;
    private WakeupPipe wakeup;

    /**
     * The loop thread's stack. libstrophe renders and frees a received stanza recursively, on this thread:
     * with Java's default 1 MiB a server sending an element nested ~30,000 deep (a few hundred KB) killed the
     * JVM with SIGSEGV. 64 MiB of address space (committed only as used) takes over 200,000 levels.
     */
    static final long STACK_BYTES = 64L << 20;

    EventLoop(String name) {
        LibStrophe.load(); // a clear LibStropheException here, on the caller's thread
        thread = new Thread(null, this::run, name, STACK_BYTES);
        timers = new LoopTimers(name, task -> {
            if (inEventLoop()) {
                task.run();
            } else {
                execute(task);
            }
        });
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

    /** Runs a task after a delay (at most a year); loop thread only. */
    LoopTimers.Timer schedule(long delayMillis, Runnable task) {
        assert inEventLoop();
        return timers.schedule(delayMillis, task);
    }

    /** @return whether the socket can take more bytes right now (poll without waiting); loop thread only */
    boolean writableNow(int fd) {
        probe.clear();
        int i = probe.add(fd, Poller.POLLOUT);
        return probe.await(0) > 0 && (probe.returned(i) & Poller.POLLOUT) != 0;
    }

    /** Starts watching a connection and running its passes; loop thread only. */
    void watch(Watched w) {
        assert inEventLoop();
        Member m = new Member(w);
        m.due = true;
        byWatched.put(w, m);
        Member[] grown = java.util.Arrays.copyOf(members, members.length + 1);
        grown[members.length] = m;
        members = grown;
    }

    /** Stops watching it; loop thread only. */
    void unwatch(Watched w) {
        assert inEventLoop();
        Member m = byWatched.remove(w);
        if (m != null) {
            m.gone = true;
            members = java.util.Arrays.stream(members).filter(x -> x != m).toArray(Member[]::new);
        }
    }

    /** Runs a pass for this connection at the next turn (it queued data, or began to connect or close); loop thread only. */
    void passSoon(Watched w) {
        Member m = byWatched.get(w);
        if (m != null) {
            m.due = true;
        }
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

    private void run() {
        try {
            NativeInit.ensure();
            wakeup = new WakeupPipe();
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
            wakeup.close();
            rejectLeftovers();
            stopped.countDown();
        }
    }

    private void loop() {
        while (true) {
            wakePending.set(false);
            runTasks();
            timers.runDue();
            if (stopping && tasks.isEmpty()) {
                return;
            }
            boolean progress = runPasses();
            if (!tasks.isEmpty() || progress) {
                continue; // stanzas came in: more may be waiting, so skip the poll syscall until a pass is empty
            }
            await(timeoutMillis());
        }
    }

    /** @return true when some pass handled stanzas */
    private boolean runPasses() {
        long now = System.nanoTime();
        boolean tick = now - nextTick >= 0;
        if (tick) {
            nextTick = now + TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MILLIS);
        }
        boolean progress = false;
        for (Member m : members) {
            // the tick is for a connection whose socket the loop does not know (0.11 when its log did not say);
            // libstrophe's own timers run only while connecting or closing, which are busy: those pass every 50 ms
            boolean busy = !m.gone && m.watched.busy();
            boolean timersDue = busy && (!m.wasBusy || now - m.nextBusyPass >= 0);
            m.wasBusy = busy;
            if (m.gone || !(m.due || m.drainPasses > 0 || timersDue || (tick && m.watched.fd() < 0))) {
                continue;
            }
            int passes = 1 + m.drainPasses;
            if (busy) {
                m.nextBusyPass = now + BUSY_WAIT_MILLIS * 1_000_000L;
                // the second pass writes what the first queued: a TCP connect found complete queues the stream
                // header, an element read queues the login's next step
                passes = Math.max(passes, 2);
            }
            m.due = false;
            m.drainPasses = 0;
            for (int i = 0; i < passes && !m.gone; i++) {
                if (runPass(m)) {
                    // stanzas came in: more may wait in OpenSSL's buffer, where poll cannot see them (one TLS
                    // record holds up to four of libstrophe's reads), so this connection gets its drain passes
                    // again after the last pass that found something, not only after poll's POLLIN
                    m.due = true;
                    m.drainPasses = DRAIN_PASSES;
                    progress = true;
                }
            }
        }
        return progress;
    }

    /** @return how many passes in this process ran holding the login lock (0 on a library with sha1-reentrant) */
    static long lockedPasses() {
        return LOCKED_PASSES.get();
    }

    private boolean runPass(Member m) {
        try {
            if (m.watched.busy() && !LibraryFeatures.SHA1_REENTRANT) {
                synchronized (LOGIN_LOCK) {
                    LOCKED_PASSES.incrementAndGet();
                    return m.watched.pass();
                }
            }
            return m.watched.pass();
        } catch (RuntimeException e) {
            LOG.error("a libstrophe pass on {} failed", name(), e);
            return false;
        }
    }

    /** @return the longest wait the members allow: 0 when a pass is due, until a busy one's timers, else none */
    private long membersWait() {
        long wait = Long.MAX_VALUE;
        long now = System.nanoTime();
        for (Member m : members) {
            if (m.gone) {
                continue;
            }
            if (m.due || m.drainPasses > 0) {
                return 0;
            }
            if (m.watched.busy()) {
                if (!m.wasBusy) {
                    return 0;
                }
                wait = Math.min(wait, Math.max(0, TimeUnit.NANOSECONDS.toMillis(m.nextBusyPass - now) + 1));
            }
        }
        return wait;
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

    private int timeoutMillis() {
        long untilTick = TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()) + 1;
        long wait = Math.max(0, Math.min(membersWait(), untilTick));
        return (int) Math.max(0, Math.min(wait, timers.millisToNext()));
    }

    private void await(int timeout) {
        poller.clear();
        poller.add(wakeup.readFd(), Poller.POLLIN);
        Member[] polled = members;
        int n = polled.length;
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            Watched w = polled[i].watched;
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
            Member m = polled[i];
            if ((ev & Poller.POLLNVAL) != 0) {
                m.watched.forgetFd();
                continue;
            }
            if ((ev & (Poller.POLLIN | Poller.POLLHUP | Poller.POLLERR)) != 0) {
                m.due = true;
                m.drainPasses = DRAIN_PASSES;
            }
            if ((ev & Poller.POLLOUT) != 0) {
                m.watched.writable();
                m.due = true;
            }
        }
    }
}
