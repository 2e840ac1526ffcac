package io.github.strophejna.jna.internal;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;

/**
 * A non-blocking pipe that other threads write a byte to, so that a thread waiting in poll(2) on its read
 * end wakes up. Thread-safe for {@link #wake()}; {@link #drain()} belongs to the polling thread.
 * Hand-written beside the generated binding.
 */
public final class WakeupPipe implements AutoCloseable {

    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = Platform.isLinux() ? 0x800 : 0x4;

    private final int readFd;
    private final int writeFd;
    private final Memory one = new Memory(1);
    private final Memory sink = new Memory(256);
    private volatile boolean closed;

    /** Opens the pipe. */
    public WakeupPipe() {
        int[] fds = new int[2];
        if (LibC.pipe(fds) != 0) {
            throw new IllegalStateException("pipe() failed");
        }
        readFd = fds[0];
        writeFd = fds[1];
        LibC.fcntl(readFd, F_SETFL, O_NONBLOCK);
        LibC.fcntl(writeFd, F_SETFL, O_NONBLOCK);
        one.setByte(0, (byte) 1);
    }

    /** @return the descriptor to poll for {@link Poller#POLLIN} */
    public int readFd() {
        return readFd;
    }

    /**
     * Wakes the poller; a full pipe already means "wake up", so a failed write is fine. Excludes
     * {@link #close()}: a write to a descriptor closed meanwhile could land in whatever file reused its number.
     */
    public synchronized void wake() {
        if (!closed) {
            LibC.write(writeFd, one, new NativeLong(1));
        }
    }

    /** Empties the pipe after a wake-up. */
    public void drain() {
        while (LibC.read(readFd, sink, new NativeLong(sink.size())).longValue() > 0) {
            // keep reading until EAGAIN
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(writeFd);
            LibC.close(readFd);
        }
    }
}
