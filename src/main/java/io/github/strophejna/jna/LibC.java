package io.github.strophejna.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few POSIX calls the event loop needs beside libstrophe: poll(2) to wait on sockets and a wake-up
 * pipe, the pipe itself, and setsockopt for TCP options. Direct-mapped. Hand-written; used through
 * {@link Poller}, {@link WakeupPipe} and {@link SocketOptions}.
 */
final class LibC {

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

    static native int setenv(String name, String value, int overwrite);

    static native String getenv(String name);
}
