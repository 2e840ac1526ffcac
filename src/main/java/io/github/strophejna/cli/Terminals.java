package io.github.strophejna.cli;

import io.github.strophejna.jna.internal.LibC;

/** What the console may do with its standard streams: edit lines on a terminal, colour what it prints. */
final class Terminals {

    private Terminals() {
    }

    /**
     * isatty(3), not {@code System.console()}: from JDK 22 on that is non-null with redirected streams too.
     *
     * @param fd 0 for stdin, 1 for stdout
     * @return whether the stream is a terminal
     */
    static boolean isTerminal(int fd) {
        try {
            return LibC.isatty(fd) == 1;
        } catch (LinkageError e) {
            return false; // no C library through JNA: treat it as a pipe, which always works
        }
    }

    /**
     * Colours only on a terminal, and not when NO_COLOR is set to anything (no-color.org) or the terminal says
     * it cannot show them (TERM=dumb).
     *
     * @param stdoutIsTerminal whether stdout is a terminal
     */
    static boolean coloursWanted(boolean stdoutIsTerminal) {
        String noColor = System.getenv("NO_COLOR");
        return stdoutIsTerminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
    }
}
