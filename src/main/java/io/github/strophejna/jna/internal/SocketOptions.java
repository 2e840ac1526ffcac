package io.github.strophejna.jna.internal;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * TCP options for libstrophe's sockets, set from its sockopt callback (which receives a pointer to the
 * socket). Hand-written beside the generated binding.
 */
public final class SocketOptions {

    /** glibc's and macOS's {@code FD_SETSIZE}: libstrophe's select() cannot watch a descriptor at or above it. */
    public static final int FD_SETSIZE = 1024;

    private static final boolean LINUX = Platform.isLinux();
    private static final int SOL_SOCKET = LINUX ? 1 : 0xffff;
    private static final int SO_KEEPALIVE = LINUX ? 9 : 0x8;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_NODELAY = 1;
    private static final int TCP_KEEPIDLE = LINUX ? 4 : 0x10;
    private static final int TCP_KEEPINTVL = LINUX ? 5 : 0x101;

    private SocketOptions() {
    }

    /**
     * The descriptor behind the sockopt callback's {@code void *sock}.
     *
     * @param sock the callback's argument
     * @return the socket descriptor
     */
    public static int descriptor(Pointer sock) {
        return sock.getInt(0);
    }

    /**
     * Turns Nagle's algorithm off or on.
     *
     * @param fd the socket
     * @param noDelay true to send small writes at once
     * @return true when the option was set
     */
    public static boolean setNoDelay(int fd, boolean noDelay) {
        return LibC.setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, new int[] {noDelay ? 1 : 0}, 4) == 0;
    }

    /**
     * Turns TCP keepalive on with the given timing, or off when {@code idleSeconds} is 0.
     *
     * @param fd the socket
     * @param idleSeconds idle time before the first probe; 0 turns keepalive off
     * @param intervalSeconds time between probes
     * @return true when every option was set
     */
    public static boolean setKeepAlive(int fd, int idleSeconds, int intervalSeconds) {
        if (idleSeconds <= 0) {
            return LibC.setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, new int[] {0}, 4) == 0;
        }
        boolean ok = LibC.setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, new int[] {1}, 4) == 0;
        ok &= LibC.setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, new int[] {idleSeconds}, 4) == 0;
        ok &= LibC.setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, new int[] {Math.max(1, intervalSeconds)}, 4) == 0;
        return ok;
    }

    /**
     * Shuts both directions of a socket without closing its descriptor: its owner (libstrophe) reads an
     * end of stream at once and tears the connection down itself. Used when the peer stopped answering,
     * where a polite close would wait for it.
     *
     * @param fd the socket
     * @return true when the socket was shut
     */
    public static boolean shutdown(int fd) {
        return LibC.shutdown(fd, 2 /* SHUT_RDWR, same value on Linux and macOS */) == 0;
    }

    /**
     * Reads and drops whatever waits in a non-blocking socket's receive buffer. Closing a socket with unread
     * data makes the kernel reset the connection (RFC 2525, 2.17) and throw away what it still had to send; a
     * socket drained first closes with a FIN, and what we sent is still delivered.
     *
     * @param fd a non-blocking socket about to be closed
     * @return the bytes dropped
     */
    public static long discardUnread(int fd) {
        Memory sink = new Memory(16384);
        long dropped = 0;
        for (int i = 0; i < 64; i++) { // at most 1 MiB: a peer still sending is not worth waiting for
            long n = LibC.read(fd, sink, new NativeLong(sink.size())).longValue();
            if (n <= 0) {
                break;
            }
            dropped += n;
        }
        return dropped;
    }
}
