package io.github.strophejna.client;

import io.github.strophejna.jna.StropheConstants;

/** The lowest libstrophe log level forwarded to SLF4J (see {@link XmppClient.Builder#libstropheLogLevel}). */
public enum LogLevel {
    /** Everything, including the raw traffic (credentials redacted). */
    DEBUG(StropheConstants.XMPP_LEVEL_DEBUG),
    /** Connection milestones. */
    INFO(StropheConstants.XMPP_LEVEL_INFO),
    /** Problems libstrophe recovered from. */
    WARN(StropheConstants.XMPP_LEVEL_WARN),
    /** Failures only. */
    ERROR(StropheConstants.XMPP_LEVEL_ERROR),
    /** Nothing. */
    OFF(Integer.MAX_VALUE);

    final int nativeLevel;

    LogLevel(int nativeLevel) {
        this.nativeLevel = nativeLevel;
    }
}
