package io.github.strophejna.xep.version;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Software Version (XEP-0092) for one client: asks others for their software's name and version, and once
 * {@link #respond(Version)} is called tells them this client's. One instance per client ({@link #of});
 * thread-safe.
 */
public final class SoftwareVersion {

    /** The namespace. */
    public static final String NAMESPACE = "jabber:iq:version";

    /**
     * A software's identity.
     *
     * @param name its name
     * @param version its version
     * @param os the operating system, or null
     */
    public record Version(String name, String version, String os) {
    }

    private final XmppClient client;
    private volatile Version answer; // null until respond(): not answering

    private SoftwareVersion(XmppClient client) {
        this.client = client;
    }

    /**
     * The client's version helper, made on first use. Getting it answers nothing: see {@link #respond(Version)}.
     *
     * @param client the client
     * @return its helper (the same one on every call)
     */
    public static SoftwareVersion of(XmppClient client) {
        return Objects.requireNonNull(client, "client").extension(SoftwareVersion.class, SoftwareVersion::new);
    }

    /**
     * Answers version queries from now on, and announces it through {@link ServiceDiscovery} (which then
     * answers disco queries too). Calling again replaces the answer; any thread.
     *
     * @param answer what to tell; a null os is left out
     * @return this helper
     * @throws IllegalStateException when another handler already answers the version namespace or Service Discovery's
     */
    public SoftwareVersion respond(Version answer) {
        Objects.requireNonNull(answer, "answer");
        synchronized (this) {
            if (this.answer == null) {
                client.onIq(NAMESPACE, request -> toQuery(this.answer));
            }
            this.answer = answer;
        }
        ServiceDiscovery.of(client).respond().addFeature(NAMESPACE);
        return this;
    }

    private static Stanza toQuery(Version v) {
        Stanza.Builder q = Stanza.builder("query").namespace(NAMESPACE).textChild("name", v.name())
                .textChild("version", v.version());
        if (v.os() != null) {
            q.textChild("os", v.os());
        }
        return q.build();
    }

    /**
     * Asks an entity for its software version.
     *
     * @param jid the entity
     * @return its answer
     */
    public CompletableFuture<Version> query(Jid jid) {
        Objects.requireNonNull(jid, "jid");
        return client.sendIq(Iq.get(jid, Stanza.builder("query").namespace(NAMESPACE).build())).thenApply(r -> {
            Stanza q = r.payload();
            return new Version(q == null ? null : q.childText("name"), q == null ? null : q.childText("version"),
                    q == null ? null : q.childText("os"));
        });
    }
}
