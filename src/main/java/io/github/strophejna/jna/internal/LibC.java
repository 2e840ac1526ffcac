package io.github.strophejna.jna.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few POSIX calls the event loop needs beside libstrophe: poll(2) to wait on sockets and a wake-up
 * pipe, the pipe itself, setsockopt for TCP options, and malloc for the test mode that counts libstrophe's
 * allocations, and isatty(3) for the command-line tool's console. Direct-mapped. Hand-written; used through
 * {@link Poller}, {@link WakeupPipe}, {@link SocketOptions} and {@link CountingAllocator}.
 */
public final class LibC {

    static {
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    static native int poll(Pointer fds, NativeLong nfds, int timeout);

    static native int pipe(int[] fds);

    static native int fcntl(int fd, int cmd, int arg);

    static native NativeLong read(int fd, Pointer buf, NativeLong count);

    static native NativeLong write(int fd, Pointer buf, NativeLong count);

    static native int close(int fd);

    static native int setsockopt(int fd, int level, int name, int[] value, int length);

    static native int shutdown(int fd, int how);

    static native Pointer malloc(NativeLong size);

    static native Pointer realloc(Pointer p, NativeLong size);

    static native void free(Pointer p);

    static native int setenv(String name, String value, int overwrite);

    public static native String getenv(String name);

    /**
     * @param fd a file descriptor (0 stdin, 1 stdout)
     * @return 1 when it is a terminal, else 0
     */
    public static native int isatty(int fd);
}
