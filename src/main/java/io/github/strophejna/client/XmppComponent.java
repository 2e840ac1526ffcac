package io.github.strophejna.client;

import io.github.strophejna.stanza.Jid;
import java.util.Objects;

/**
 * An external component (XEP-0114), connected with libstrophe's {@code xmpp_connect_component}: a service
 * (a gateway, a bot farm) that the server routes a whole domain to. It works like a client ({@link #client()}
 * offers sending, handlers, history, the same threading) but authenticates with the component secret, owns
 * every address in its domain, and speaks plaintext: run it on loopback or a trusted network.
 */
public final class XmppComponent implements AutoCloseable {

    private final XmppClient client;

    private XmppComponent(XmppClient client) {
        this.client = client;
    }

    /**
     * Creates a component connection (not yet connected).
     *
     * @param domain the component's domain, e.g. "gateway.example.org"
     * @param secret the shared secret from the server's configuration (copied, then the array is zeroed)
     * @param host the server's address
     * @param port its component port (often 5347)
     * @return the component
     */
    public static XmppComponent create(String domain, char[] secret, String host, int port) {
        Objects.requireNonNull(host, "host");
        XmppClient.Builder b = XmppClient.builder().componentMode(Jid.parse(domain)).password(secret).host(host).port(port);
        return new XmppComponent(b.build());
    }

    /** @return the client interface: connect, send, handlers, disconnect */
    public XmppClient client() {
        return client;
    }

    /** Disconnects and frees everything (see {@link XmppClient#close()}). */
    @Override
    public void close() {
        client.close();
    }

}
