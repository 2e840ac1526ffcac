package io.github.strophejna.client;

import com.sun.jna.Pointer;
import io.github.strophejna.internal.Redactor;
import io.github.strophejna.jna.NativeStrings;
import io.github.strophejna.jna.StropheConstants;
import io.github.strophejna.jna.XmppLog;
import io.github.strophejna.jna.XmppLogHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one connection's libstrophe context: every line goes to its {@link LogSignals} first, then, at
 * or above the configured level, to SLF4J: one logger per libstrophe area
 * ({@code io.github.strophejna.libstrophe.conn}, {@code .xmpp}, {@code .tls}, {@code .sasl}, ...), levels mapped
 * one to one, raw traffic (libstrophe's "SENT"/"RECV" lines) at DEBUG, credentials redacted. Lines below the
 * level are not decoded. Loop thread.
 */
final class LibstropheLog {

    static final String LOGGER_PREFIX = "io.github.strophejna.libstrophe.";
    private static final Map<String, Logger> LOGGERS = new ConcurrentHashMap<>();

    private final int threshold;
    private final LogSignals signals = new LogSignals();
    /** A field: libstrophe calls it for as long as the context lives. */
    private final XmppLogHandler handler = this::log;
    private final XmppLog struct = new XmppLog();

    LibstropheLog(LogLevel level) {
        this.threshold = level.nativeLevel;
        struct.handler = handler;
        struct.write();
    }

    /** @return the structure to give xmpp_ctx_new; it must stay reachable as long as the context */
    XmppLog struct() {
        return struct;
    }

    /** @return what this context's log said that the client needs */
    LogSignals signals() {
        return signals;
    }

    private void log(Pointer userdata, int level, Pointer area, Pointer msg) {
        // SLF4J first: a "RECV:" line is dispatched to handlers by the signals, and what they send in answer
        // must show after it in a debugging session's log
        if (level >= threshold) {
            forward(level, area, msg);
        }
        try {
            if (level == StropheConstants.XMPP_LEVEL_DEBUG) {
                signals.debug(new NativeLine(msg));
            } else if (level == StropheConstants.XMPP_LEVEL_ERROR) {
                signals.error(new NativeLine(msg));
            }
        } catch (RuntimeException e) {
            // a signal is a hint, and an element's receiver handles its own failures: never fail the log call
        }
    }

    private static void forward(int level, Pointer area, Pointer msg) {
        try {
            String a = NativeStrings.utf8(area);
            Logger logger = LOGGERS.computeIfAbsent(a == null ? "core" : a, k -> LoggerFactory.getLogger(LOGGER_PREFIX + k));
            switch (level) {
                case StropheConstants.XMPP_LEVEL_DEBUG -> {
                    if (logger.isDebugEnabled()) {
                        logger.debug(Redactor.redact(NativeStrings.utf8(msg)));
                    }
                }
                case StropheConstants.XMPP_LEVEL_INFO -> {
                    if (logger.isInfoEnabled()) {
                        logger.info(Redactor.redact(NativeStrings.utf8(msg)));
                    }
                }
                case StropheConstants.XMPP_LEVEL_WARN -> logger.warn(Redactor.redact(NativeStrings.utf8(msg)));
                default -> logger.error(Redactor.redact(NativeStrings.utf8(msg)));
            }
        } catch (Throwable t) {
            // never let a logging problem unwind into libstrophe
        }
    }

    /**
     * libstrophe's NUL-terminated message, measured once and read only as far as asked; a short line (most
     * stanzas) is copied whole at the first read, so its text costs no second copy out of native memory.
     */
    private static final class NativeLine implements LogSignals.Line {
        private static final int WHOLE = 1024;
        private final Pointer msg;
        private final int length;
        private byte[] whole;

        NativeLine(Pointer msg) {
            this.msg = msg;
            this.length = (int) msg.indexOf(0, (byte) 0);
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public byte[] bytes(int from, int count) {
            if (whole == null && length <= WHOLE) {
                whole = msg.getByteArray(0, length);
            }
            return whole != null ? java.util.Arrays.copyOfRange(whole, from, from + count) : msg.getByteArray(from, count);
        }
    }
}
