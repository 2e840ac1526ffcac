package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Jid;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaError;
import io.github.strophejna.scripting.SendAndDisconnect;
import io.github.strophejna.xep.caps.EntityCapabilities;
import io.github.strophejna.xep.carbons.Carbons;
import io.github.strophejna.xep.chatstates.ChatStates;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import io.github.strophejna.xep.muc.MultiUserChat;
import io.github.strophejna.xep.offline.OfflineMessages;
import io.github.strophejna.xep.ping.Ping;
import io.github.strophejna.xep.pubsub.PubSub;
import io.github.strophejna.xep.receipts.DeliveryReceipts;
import io.github.strophejna.xep.register.AccountManagement;
import io.github.strophejna.xep.roster.Roster;
import io.github.strophejna.xep.time.EntityTime;
import io.github.strophejna.xep.vcard.VCards;
import io.github.strophejna.xep.version.SoftwareVersion;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Walks the public methods of the stanza model, the builders, a closed client, the protocol helpers
 * ({@code xep.*}) and {@code scripting}, passing null for each reference parameter in turn (valid values for
 * the others): each must answer with a NullPointerException or IllegalArgumentException that has a message,
 * or be one of the parameters documented as nullable below. Nothing reaches a server: the helpers work on a
 * client that is never connected, and what would connect points at a closed loopback port.
 */
class NullArgumentsTest {

    /** Parameters whose Javadoc says null is allowed (Class.method#index). */
    private static final Set<String> NULLABLE = Set.of(
            "Builder.to#0", "Builder.from#0", "Builder.id#0", "Builder.lang#0", "Builder.attribute#1", "Builder.namespace#0",
            "Builder.payload#0", "Builder.show#0", "Builder.removeChildren#1", "Builder.host#0", "Builder.resource#0",
            "Builder.caFile#0", "Builder.caPath#0", "Builder.clientCertificate#0", "Builder.clientCertificate#1",
            "Builder.clientKeyPassword#0", "Builder.certificateVerifier#0", "Builder.handlerExecutor#0", "Builder.context#0",
            "Builder.resume#0", "Builder.onStreamManagementState#0", "Jid.of#0", "Jid.of#2", "Iq.get#0", "Iq.set#0",
            "Iq.result#0", "Stanza.child#0", "Stanza.child#1", "Stanza.attribute#0", "Stanza.childText#0",
            "Message.extension#0", "Message.extension#1", "StanzaError#2", "StanzaError.of#0", "Stanza.equals#0",
            "Jid.equals#0", "Message.equals#0", "Presence.equals#0", "Iq.equals#0", "StanzaError.equals#0",
            "XmppClient.extension#1", "StanzaBuilder.to#0", "StanzaBuilder.from#0", "StanzaBuilder.id#0", "StanzaBuilder.lang#0",
            "StanzaBuilder.attribute#1", "StanzaView.equals#0", "Iq.get#1", "Iq.set#1", "Jid.withResource#0",
            "ServiceDiscovery.info#0", "ServiceDiscovery.items#0", "MultiUserChat.join#2", "Roster.setPresence#0",
            "Roster.setPresence#1", "PubSubService.publish#1", "VCards.get#0");

    /** The one-shot jobs, made only of static methods (the helpers are walked through an instance, statics included). */
    private static final List<Class<?>> STATIC_HELPERS = List.of(OfflineMessages.class, SendAndDisconnect.class);

    private List<String> problems;
    private int calls;

    @Test
    void nullIsRefusedWithAClearExceptionOrDocumentedAsAllowed() throws Exception {
        XmppClient closed = XmppClient.builder().jid("n@example.invalid").password("pw".toCharArray()).build();
        closed.close();
        Stanza ping = Stanza.builder("ping").namespace("urn:xmpp:ping").build();
        problems = new ArrayList<>();
        calls = 0;
        try (XmppClient idle = refusedBuilder().build()) { // never connected: helpers' requests fail as "not connected"
            Object[] receivers = {Jid.parse("a@b/c"), ping, Stanza.builder("x"), Message.builder(), Presence.builder(),
                    Iq.builder(Iq.Type.GET), Message.builder().build(), Presence.builder().build(), Iq.get(null, ping),
                    XmppClient.builder(), closed, ServiceDiscovery.of(idle), MultiUserChat.of(idle), Roster.of(idle),
                    PubSub.of(idle), PubSub.of(idle).service(Jid.parse("pubsub.b")), DeliveryReceipts.of(idle),
                    EntityCapabilities.of(idle), Carbons.of(idle), ChatStates.of(idle), Ping.of(idle), AccountManagement.of(idle),
                    EntityTime.of(idle), VCards.of(idle), SoftwareVersion.of(idle)};
            for (Object receiver : receivers) {
                walk(receiver.getClass(), receiver, ping, idle, closed);
            }
            for (Class<?> helper : STATIC_HELPERS) {
                walk(helper, null, ping, idle, closed);
            }
        }
        System.out.println("null arguments: " + calls + " calls with one null argument");
        assertEquals(List.of(), problems);
    }

    /** A builder whose connections are refused at once (nothing listens on loopback port 1). */
    private static XmppClient.Builder refusedBuilder() {
        return XmppClient.builder().jid("n@example.invalid").password("pw".toCharArray()).host("127.0.0.1").port(1)
                .connectTimeout(Duration.ofSeconds(2));
    }

    /** Calls each public method of {@code type}, static ones included (only those when {@code receiver} is null). */
    private void walk(Class<?> type, Object receiver, Stanza ping, XmppClient idle, XmppClient closed) throws Exception {
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() == Object.class || m.isSynthetic()
                    || (receiver == null && !Modifier.isStatic(m.getModifiers()))) {
                continue;
            }
            for (int i = 0; i < m.getParameterCount(); i++) {
                if (m.getParameterTypes()[i].isPrimitive()) {
                    continue;
                }
                String key = m.getDeclaringClass().getSimpleName() + "." + m.getName() + "#" + i;
                if (NULLABLE.contains(key) || m.getName().equals("extension") && receiver == closed && i == 0) {
                    continue;
                }
                Object[] args = validArgs(m.getParameterTypes(), ping, idle);
                args[i] = null;
                calls++;
                Object target = Modifier.isStatic(m.getModifiers()) ? null : receiver;
                try {
                    m.invoke(target, args);
                    problems.add(key + " accepted null");
                } catch (InvocationTargetException e) {
                    Throwable t = e.getCause();
                    if (!(t instanceof NullPointerException || t instanceof IllegalArgumentException)
                            || t.getMessage() == null || t.getMessage().isBlank()) {
                        problems.add(key + " threw " + t);
                    }
                }
            }
        }
    }

    private static Object[] validArgs(Class<?>[] types, Stanza sample, XmppClient idle) {
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = valueOf(types[i], sample, idle);
        }
        return args;
    }

    private static Object valueOf(Class<?> t, Stanza sample, XmppClient idle) {
        if (t == XmppClient.class) {
            return idle;
        } else if (t == XmppClient.Builder.class) {
            return refusedBuilder();
        } else if (t == java.time.Clock.class) {
            return java.time.Clock.systemUTC();
        } else if (t == List.class || t == java.util.Collection.class) {
            return List.of();
        } else if (t == long.class) {
            return 1L;
        } else if (t == int.class) {
            return 1;
        } else if (t == boolean.class) {
            return true;
        } else if (t == String.class) {
            return "x";
        } else if (t == char[].class) {
            return "pw".toCharArray();
        } else if (t == Stanza.class) {
            return sample;
        } else if (t == Jid.class) {
            return Jid.parse("a@b");
        } else if (t == Duration.class) {
            return Duration.ofSeconds(1);
        } else if (t == Message.class) {
            return Message.builder().build();
        } else if (t == Presence.class) {
            return Presence.builder().build();
        } else if (t == Iq.class) {
            return Iq.get(null, sample);
        } else if (t == StanzaError.class) {
            return new StanzaError(StanzaError.Type.CANCEL, "item-not-found", null);
        } else if (t == java.nio.file.Path.class) {
            return java.nio.file.Path.of("/nonexistent");
        } else if (t == byte[].class) {
            return new byte[0];
        } else if (t == Class.class) {
            return String.class;
        } else if (t.isEnum()) {
            return t.getEnumConstants()[0];
        } else if (t.isInterface()) {
            return Proxy.newProxyInstance(t.getClassLoader(), new Class<?>[] {t}, (p, m, a) -> m.getReturnType() == boolean.class
                    ? Boolean.FALSE : null);
        }
        return null;
    }
}
