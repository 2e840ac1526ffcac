package io.github.strophejna.client;

/**
 * The client's side of a Stream Management session (XEP-0198): whether one is on, whether this attempt resumed
 * it, and how many stanzas we handled, for the final ack. libstrophe keeps its own counters; it just tells user
 * code nothing (0.13+ hide the answers from handlers, 0.12 shows them), so this is what the client saw.
 * Pure Java. Loop thread.
 */
final class StreamManagementBook {

    static final String NS_SM = "urn:xmpp:sm:3";

    private boolean enabled;
    private boolean resumed;
    private boolean answeredThisAttempt;
    private long handled;
    /** A restored state awaits its resume at the next connect. */
    private boolean resumePending;

    boolean enabled() {
        return enabled;
    }

    boolean resumed() {
        return resumed;
    }

    /** A new attempt: a new session counts from zero; only a resumed one goes on counting. */
    void newAttempt() {
        resumed = false;
        if (!enabled) {
            handled = 0;
        }
    }

    /** The answer libstrophe 0.13+ consumed before reporting the session, read from its log. */
    void answered(LogSignals.SmNote note) {
        enabled = note != LogSignals.SmNote.FAILED;
        resumed = note == LogSignals.SmNote.RESUMED;
        if (note == LogSignals.SmNote.ENABLED) {
            handled = 0;
        }
    }

    /** An SM element a handler saw (libstrophe 0.12 passes them on). */
    void element(String name) {
        switch (name) {
            case "enabled" -> {
                enabled = true;
                answeredThisAttempt = true;
                handled = 0;
            }
            case "resumed" -> {
                enabled = true;
                answeredThisAttempt = true;
                resumed = true;
            }
            case "failed" -> {
                enabled = false;
                answeredThisAttempt = true;
            }
            default -> {
                // <r/> and <a/>: libstrophe answers and counts them itself
            }
        }
    }

    /**
     * libstrophe 0.12 reports the session before the server answered {@code <enable/>}: the client probes with a
     * round trip and decides after it ({@link #probed}).
     *
     * @return whether a session was on before
     */
    boolean probing() {
        boolean had = enabled;
        enabled = false;
        answeredThisAttempt = false;
        return had;
    }

    /** The probe came back: no new {@code <enabled/>} after a reconnect means libstrophe resumed the old session. */
    void probed(boolean hadSession, boolean reconnecting) {
        if (!answeredThisAttempt && hadSession && reconnecting) {
            enabled = true;
            resumed = true;
        }
    }

    /** Counts a handled stanza (message, presence, iq) while a session is on. */
    void handledStanza(String name) {
        if (enabled && (name.equals("message") || name.equals("presence") || name.equals("iq"))) {
            handled++;
        }
    }

    /** @return an unrequested ack of everything handled so far */
    byte[] ack() {
        return ("<a xmlns='" + NS_SM + "' h='" + (handled & 0xFFFF_FFFFL) + "'/>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The session is over (closed cleanly, or by the server, or its state taken elsewhere): nothing to resume. */
    void ended() {
        enabled = false;
    }

    /** @return stanzas handled in this session so far (what the next acknowledgement says) */
    long handled() {
        return handled;
    }

    /**
     * A state was given to libstrophe: the next connect resumes it.
     *
     * @param handledBefore the stanzas the session had handled when the state was taken (by another client object,
     *        or saved by another process): the count goes on from there, or our final ack would go back below what
     *        the server already had acknowledged, and Prosody ends the session on that
     */
    void restored(long handledBefore) {
        enabled = true;
        resumePending = true;
        handled = handledBefore;
    }

    /** @return whether the coming connect resumes a restored state (asked once per connect) */
    boolean takeResumePending() {
        boolean p = resumePending;
        resumePending = false;
        return p;
    }
}
