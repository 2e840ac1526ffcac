package io.github.strophejna.client;

import io.github.strophejna.jna.NativeStrings;
import io.github.strophejna.jna.StropheConstants;
import io.github.strophejna.jna.XmppLog;
import io.github.strophejna.jna.XmppLogHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libstrophe's log, forwarded to SLF4J: one logger per libstrophe area ({@code io.github.strophejna.libstrophe.conn},
 * {@code .xmpp}, {@code .tls}, {@code .sasl}, ...), levels mapped one to one, raw traffic (libstrophe's
 * "SENT"/"RECV" lines) at DEBUG, credentials redacted. Lines below the configured level are dropped before
 * any decoding.
 */
final class LibstropheLog {

    static final String LOGGER_PREFIX = "io.github.strophejna.libstrophe.";

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final int threshold;
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

    private void log(com.sun.jna.Pointer userdata, int level, com.sun.jna.Pointer area, com.sun.jna.Pointer msg) {
        if (level < threshold) {
            return;
        }
        try {
            String a = NativeStrings.utf8(area);
            Logger logger = loggers.computeIfAbsent(a == null ? "core" : a, k -> LoggerFactory.getLogger(LOGGER_PREFIX + k));
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
}
