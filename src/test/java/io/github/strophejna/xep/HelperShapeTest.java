package io.github.strophejna.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.xep.carbons.Carbons;
import io.github.strophejna.xep.disco.ServiceDiscovery;
import io.github.strophejna.xep.ping.Ping;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The helpers' one shape (README, "Protocol helpers"), checked on every public class of {@code xep.*} so a
 * new helper keeps it: {@code of} means only "the helper of this client", nothing else static takes a
 * client, answering starts with {@code respond}, and getting a helper answers nothing.
 */
class HelperShapeTest {

    @Test
    void everyPublicClassKeepsTheShape() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Class<?>> classes = publicXepClasses();
        assertTrue(classes.size() > 20, "the xep classes were not found: " + classes);
        for (Class<?> c : classes) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) {
                    continue;
                }
                String name = c.getSimpleName() + "." + m.getName();
                boolean isStatic = Modifier.isStatic(m.getModifiers());
                List<Class<?>> params = List.of(m.getParameterTypes());
                if (m.getName().equals("of") && !(isStatic && params.equals(List.of(XmppClient.class)) && m.getReturnType() == c)) {
                    problems.add(name + ": of is only the static X.of(XmppClient) giving the client's X");
                }
                if (isStatic && !m.getName().equals("of") && params.contains(XmppClient.class)) {
                    problems.add(name + ": static and takes a client; make it an instance method of X.of(client)");
                }
                if (m.getName().equals("respond") && (isStatic || m.getReturnType() != c)) {
                    problems.add(name + ": respond is an instance method returning its helper");
                }
                // Carbons' enable is the XEP's own <enable/> request to the server, not a switch of ours
                if (m.getName().equals("enable") && c != Carbons.class) {
                    problems.add(name + ": switch a responder on with respond(...)");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void gettingAHelperAnswersNothingAndRespondAnnouncesThroughDisco() {
        try (XmppClient client = XmppClient.builder().jid("shape@example.invalid").password("pw".toCharArray()).build()) {
            ServiceDiscovery disco = ServiceDiscovery.of(client);
            Ping ping = Ping.of(client);
            assertSame(disco, ServiceDiscovery.of(client));
            assertSame(ping, Ping.of(client));
            client.onIq(ServiceDiscovery.INFO, request -> null).close(); // free: disco does not answer yet
            client.onIq(Ping.NAMESPACE, request -> null).close();
            assertFalse(disco.features().contains(Ping.NAMESPACE), disco.features().toString());

            assertSame(ping, ping.respond());
            ping.respond(); // idempotent
            assertTrue(disco.features().contains(Ping.NAMESPACE), disco.features().toString());
            assertThrows(IllegalStateException.class, () -> client.onIq(ServiceDiscovery.INFO, request -> null));
            assertThrows(IllegalStateException.class, () -> client.onIq(Ping.NAMESPACE, request -> null));
        }
    }

    private static List<Class<?>> publicXepClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Ping.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("io/github/strophejna/xep"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, HelperShapeTest.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers())) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
