package io.github.strophejna.client;

import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an element read by libstrophe goes: a SASL failure to the failure classifier (never recorded: SASL
 * carries credentials), Stream Management answers to the SM book, raw negotiation to its room, a stream error
 * to a close of our side; stanzas are counted for SM, recorded in the history, matched to pending IQs, and
 * dispatched to the application's handlers. Loop thread.
 */
final class Incoming {

    private static final Logger LOG = LoggerFactory.getLogger(Incoming.class);

    private final ClientConnection connection;
    private final ClientConfig config;
    private final InboundDispatcher inbound;
    private final StanzaHistory history;

    Incoming(ClientConnection connection, ClientConfig config, InboundDispatcher inbound, StanzaHistory history) {
        this.connection = connection;
        this.config = config;
        this.inbound = inbound;
        this.history = history;
    }

    /** An element libstrophe read, as XML. */
    void element(String xml) {
        connection.liveness().heard();
        if (xml.length() > config.maxIncomingStanza()) {
            refuseOversized(xml.length());
            return;
        }
        Stanza s;
        try {
            s = Stanza.parse(xml);
        } catch (StanzaParseException e) {
            LOG.warn("{}: an incoming stanza could not be read: {}", config.jid(), e.getMessage());
            return;
        }
        String ns = s.namespace();
        if (ClientConnection.NS_SASL.equals(ns)) {
            if (s.name().equals("failure")) {
                connection.failures().saslFailed(s.elements().isEmpty() ? "failure" : s.elements().get(0).name());
            }
            return; // never recorded nor dispatched: SASL carries credentials
        }
        if (StreamManagementBook.NS_SM.equals(ns)) {
            connection.sm().element(s.name());
            return;
        }
        if (connection.raw() && connection.lifecycle().is(SessionLifecycle.Phase.CONNECTING)) {
            connection.rawNegotiation().element(s);
            return;
        }
        if (ClientConnection.NS_STREAMS.equals(ns) && s.name().equals("error") && connection.lifecycle().is(SessionLifecycle.Phase.READY)) {
            // libstrophe keeps the error for the disconnect event but waits for the server to close the
            // stream; a server that never does would leave a dead session behind, so close our side now
            connection.lifecycle().closing();
            connection.nativeConnection().disconnect();
            return;
        }
        connection.sm().handledStanza(s.name());
        if (history.wanted()) {
            history.record(StanzaHistory.Direction.IN, s, xml);
        }
        if (s.name().equals("iq") && s.id() != null) {
            connection.pendingIqs().answer(s);
        }
        inbound.dispatch(s);
    }

    /**
     * Ends the stream after a stanza over the limit, as servers treat clients that exceed theirs. It counts
     * as handled and is acknowledged, and the close is a clean one: otherwise a resumed session would be sent
     * the same stanza again, for ever. The reconnect policy then starts a fresh session.
     */
    private void refuseOversized(int length) {
        Throwable cause = new ConnectionException("the server sent a stanza of " + length + " characters, over the limit of "
                + config.maxIncomingStanza() + " (Builder.maxIncomingStanza); the stream was closed");
        LOG.warn("{}: {}", config.jid(), cause.getMessage());
        if (!connection.lifecycle().is(SessionLifecycle.Phase.READY)) {
            connection.abort(cause);
            return;
        }
        connection.failures().aborted(cause);
        connection.lifecycle().closing();
        if (connection.sm().enabled()) {
            connection.sm().handledStanza("message");
            connection.nativeConnection().send(connection.sm().ack());
            connection.sm().ended(); // nothing to resume: the stream ends cleanly
        }
        connection.nativeConnection().disconnect();
    }
}
