package io.github.strophejna.client;

import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * What a session sends: stanzas rendered by the caller (already intercepted and serialised), queued as bytes;
 * IQ requests with their pending answers; the one server round trip every barrier uses; and how many writable
 * passes the loop should still ask for. Loop thread.
 */
final class Outbound {

    private final ClientConnection connection;
    private final NativeConnection nativeConnection;
    private final SessionLifecycle lifecycle;
    private final StanzaHistory history;
    private final PendingIqs pendingIqs;
    /** Writable passes still worth asking for, see {@link #wantsWrite()}. */
    private int writeBudget;
    private boolean writePassDue;
    private long writablePasses;
    /** The last broadcast presence sent, re-sent after a reconnect that could not resume the session. */
    private Stanza lastPresence;
    private byte[] lastPresenceXml;

    Outbound(ClientConnection connection, NativeConnection nativeConnection, SessionLifecycle lifecycle, StanzaHistory history,
            PendingIqs pendingIqs) {
        this.connection = connection;
        this.nativeConnection = nativeConnection;
        this.lifecycle = lifecycle;
        this.history = history;
        this.pendingIqs = pendingIqs;
    }

    /**
     * Queues a stanza.
     *
     * @param internal the client's own (a probe, a ping, a restored presence): allowed while negotiating and
     *        closing too; the application's only while the session is ready
     * @throws XmppException when not connected
     */
    void send(Stanza s, byte[] xml, boolean internal) {
        if (lifecycle.released()) {
            throw new IllegalStateException("closed");
        }
        SessionLifecycle.Phase phase = lifecycle.phase();
        if (phase != SessionLifecycle.Phase.READY && !(internal && phase != SessionLifecycle.Phase.IDLE)) {
            throw new XmppException("not connected (" + (phase == SessionLifecycle.Phase.DISCONNECTING ? "disconnecting"
                    : lifecycle.state().name().toLowerCase()) + "): " + s.name() + " not sent");
        }
        queue(xml);
        if (!internal && s.name().equals("presence") && s.to() == null) {
            boolean available = s.type() == null;
            lastPresence = available ? s : null;
            lastPresenceXml = available ? xml : null;
        }
        if (history.wanted()) {
            history.record(StanzaHistory.Direction.OUT, s, new String(xml, StandardCharsets.UTF_8));
        }
    }

    /**
     * Queues bytes of the client's own that it has no stanza object for: the stanzas a state restored from
     * another process had not written (see {@link ClientConnection#resume(byte[])}). Not recorded in the history.
     */
    void sendRaw(byte[] xml) {
        queue(xml);
    }

    private void queue(byte[] xml) {
        nativeConnection.send(xml);
        writeBudget = LibraryFeatures.SEND_QUEUE_LENGTH ? Math.max(writeBudget, xml.length / 16384 + 2)
                : writeBudget + xml.length / 16384 + 1; // 0.11 cannot say what is queued: one pass per item
        connection.passSoon();
    }

    /** Sends an IQ request; its answer completes the future (see {@link PendingIqs}). */
    CompletableFuture<Iq> sendIq(Iq request, byte[] xml, long timeoutMillis, boolean internal) {
        try {
            send(request.stanza(), xml, internal);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return pendingIqs.await(request.id(), timeoutMillis);
    }

    /**
     * One server round trip (an XEP-0199 ping to our server): when it answers, it has everything sent before.
     * The SM probe, the liveness check and the disconnect barrier all use it.
     */
    CompletableFuture<Iq> roundTrip(long timeoutMillis, boolean internal) {
        Iq ping = Iq.get(Jid.of(null, connection.domain(), null), Stanza.builder("ping").namespace("urn:xmpp:ping").build());
        return sendIq(ping, ping.stanza().toXml().getBytes(StandardCharsets.UTF_8), timeoutMillis, internal);
    }

    /** A fresh session starts unavailable: re-send the application's last presence, so the server routes to us again. */
    void restorePresence() {
        if (lastPresenceXml != null) {
            send(lastPresence, lastPresenceXml, true);
        }
    }

    /**
     * libstrophe's queue length leaves out the item it is half-way through writing, and with TLS it writes
     * one record (16 KiB) of an item per pass. So after queueing, keep asking for POLLOUT for as many
     * writable passes as the largest item could need; each costs a few microseconds if it was not needed.
     */
    boolean wantsWrite() {
        return !nativeConnection.released() && (writeBudget > 0 || nativeConnection.queued() > 0);
    }

    /** poll said writable while {@link #wantsWrite()} asked: the pass that follows writes. */
    void writable() {
        writablePasses++;
        writePassDue = true;
    }

    /**
     * After a pass: a writable pass spends one of the budget only when the socket is still writable after it.
     * Otherwise the kernel refused part of what libstrophe wrote, and libstrophe holds the rest of an item that
     * its queue length no longer counts: the loop must go on asking for POLLOUT (which comes only once the
     * server has read some: no spinning), or those bytes would wait for the next idle tick, or be lost at close.
     *
     * @param socketWritable whether the socket can take more now
     */
    void afterPass(boolean socketWritable) {
        if (!writePassDue) {
            return;
        }
        writePassDue = false;
        if (writeBudget > 0 && socketWritable && (nativeConnection.released() || nativeConnection.queued() == 0)) {
            writeBudget--;
        }
    }

    /** @return whether the last writable event's pass is still to be accounted ({@link #afterPass}) */
    boolean writePassDue() {
        return writePassDue;
    }

    /** @return writable passes run so far: bytes could move (the server read some, or the queue had room) */
    long writablePasses() {
        return writablePasses;
    }
}
