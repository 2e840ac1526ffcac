package io.github.strophejna.xep.version;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Software Version (XEP-0092): tells others this client's name and version, and asks theirs. Thread-safe.
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

    private SoftwareVersion() {
    }

    /**
     * Answers version queries from now on. Calling again replaces the answer.
     *
     * @param client the client
     * @param answer what to tell; a null os is left out
     */
    public static void enable(XmppClient client, Version answer) {
        Objects.requireNonNull(answer, "answer");
        Holder h = client.extension(Holder.class, c -> {
            Holder holder = new Holder();
            ServiceDiscovery.of(c).addFeature(NAMESPACE);
            c.onIq(NAMESPACE, request -> holder.answer());
            return holder;
        });
        h.version = answer;
    }

    private static final class Holder {
        volatile Version version;

        Stanza answer() {
            Version v = version;
            Stanza.Builder q = Stanza.builder("query").namespace(NAMESPACE).textChild("name", v.name())
                    .textChild("version", v.version());
            if (v.os() != null) {
                q.textChild("os", v.os());
            }
            return q.build();
        }
    }

    /**
     * Asks an entity for its software version.
     *
     * @param client the client
     * @param jid the entity
     * @return its answer
     */
    public static CompletableFuture<Version> query(XmppClient client, Jid jid) {
        Objects.requireNonNull(jid, "jid");
        return client.sendIq(Iq.get(jid, Stanza.builder("query").namespace(NAMESPACE).build())).thenApply(r -> {
            Stanza q = r.payload();
            return new Version(q == null ? null : q.childText("name"), q == null ? null : q.childText("version"),
                    q == null ? null : q.childText("os"));
        });
    }
}
