package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TcpProxy;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Security of the transport and of the password, against the real Prosody: host-name verification of the
 * server certificate, no password on an unencrypted stream unless the policy says so (checked on the bytes
 * that crossed the wire), no credential in exception messages or toString(), and password arrays zeroed.
 */
@WithProsody
class TransportSecurityIT {

    /**
     * The run's certificate is trusted (caFile) but names localhost and its components, not
     * {@link ProsodyServer#PLAINTEXT_DOMAIN}: connecting to that host must fail on the name alone.
     */
    @Test
    void aTrustedCertificateForAnotherNameIsRejected(ProsodyServer server) throws Exception {
        TestAccount other = server.createAccount("misnamed", ProsodyServer.PLAINTEXT_DOMAIN);
        for (TlsPolicy policy : new TlsPolicy[] {TlsPolicy.REQUIRED, TlsPolicy.DIRECT}) {
            int port = policy == TlsPolicy.DIRECT ? server.directTlsPort() : server.c2sPort();
            try (XmppClient c = builder(server, other, port).tls(policy).build()) {
                Throwable t = XmppClientIT.failure(c.connect());
                assertInstanceOf(TlsException.class, t, policy + ": " + t);
                assertTrue(t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("certificate"), t.getMessage());
            }
            // the controls: the same CA verifies localhost, and without verification the same host logs in
            TestAccount local = server.createAccount("named");
            try (XmppClient c = builder(server, local, port).tls(policy).build()) {
                assertTrue(c.connect().get(20, TimeUnit.SECONDS).secure());
            }
            try (XmppClient c = builder(server, other, port).tls(policy).trustAnyCertificate(true).build()) {
                assertTrue(c.connect().get(20, TimeUnit.SECONDS).secure(), "the host itself works: only the name was wrong");
            }
        }
    }

    /** A STARTTLS offer in the server's features. */
    private static final Pattern STARTTLS = Pattern.compile("<starttls[^>]*?(/>|>.*?</starttls>)", Pattern.DOTALL);

    /**
     * A stream that offers no STARTTLS (a proxy removes it from the features of a host that accepts PLAIN in
     * the clear): the default policy refuses and the password never crosses; OPTIONAL and DISABLED are the
     * explicit opt-in, and do send it (PLAIN, readable).
     */

    @Test
    void noPasswordInTheClearUnlessThePolicyAllowsIt(ProsodyServer server) throws Exception {
        TestAccount acc = server.createAccount("clear", ProsodyServer.PLAINTEXT_DOMAIN);
        List<String> forms = credentialForms(acc, acc.password());
        try (TcpProxy proxy = new TcpProxy(server.host(), server.c2sPort())) {
            AtomicInteger stripped = new AtomicInteger();
            proxy.rewriteToClients(text -> { // plaintext only, and Prosody writes its features in one piece
                Matcher m = STARTTLS.matcher(text);
                if (!m.find()) {
                    return text;
                }
                stripped.incrementAndGet();
                return m.replaceAll("");
            });
            proxy.recordFromClients();
            try (XmppClient c = builder(server, acc, proxy.port()).build()) {
                Throwable t = XmppClientIT.failure(c.connect());
                assertInstanceOf(TlsException.class, t, t.toString());
            }
            String wire = proxy.recordedFromClients();
            assertTrue(wire.contains("<stream:stream"), "the proxy saw no stream: " + wire);
            assertTrue(stripped.get() > 0, "no STARTTLS offer was removed: the test proved nothing");
            for (String f : forms) {
                assertFalse(wire.contains(f), "the default policy sent a credential form on a plaintext stream");
            }
            for (TlsPolicy optIn : new TlsPolicy[] {TlsPolicy.OPTIONAL, TlsPolicy.DISABLED}) {
                proxy.recordFromClients();
                try (XmppClient c = builder(server, acc, proxy.port()).tls(optIn).build()) {
                    Session s = c.connect().get(20, TimeUnit.SECONDS);
                    assertFalse(s.secure(), optIn + " must not claim a secure stream");
                }
                assertTrue(proxy.recordedFromClients().contains(b64("\0" + acc.localpart() + "\0" + acc.password())),
                        optIn + ": expected the PLAIN exchange on the wire (the documented cost of the opt-in)");
            }
        }
    }

    @Test
    void noCredentialInExceptionMessagesOrToString(ProsodyServer server) throws Exception {
        TestAccount acc = server.createAccount("quiet");
        String wrong = acc.password() + "-wrong";
        List<String> texts = new ArrayList<>();
        XmppClient.Builder b = server.clientBuilder(acc, "q");
        try (XmppClient c = b.build()) {
            Session s = c.connect().get(20, TimeUnit.SECONDS);
            texts.add(c.toString());
            texts.add(b.toString());
            texts.add(s.toString());
            java.lang.reflect.Field config = XmppClient.class.getDeclaredField("config");
            config.setAccessible(true);
            texts.add(config.get(c).toString());
            c.disconnect().get(20, TimeUnit.SECONDS);
            texts.add(c.history().toString());
            java.io.StringWriter json = new java.io.StringWriter();
            c.history().exportJsonLines(new java.io.PrintWriter(json, true));
            assertTrue(json.toString().contains("<auth") || json.toString().contains("\"direction\""), "no history: " + json);
            texts.add(json.toString());
        }
        try (XmppClient c = server.clientBuilder(acc, "w").password(wrong.toCharArray()).build()) {
            Throwable t = XmppClientIT.failure(c.connect());
            assertInstanceOf(AuthenticationException.class, t);
            texts.add(chain(t));
        }
        try (XmppClient c = server.clientBuilder(acc, "x").port(ProsodyServer.freePort()).build()) {
            texts.add(chain(XmppClientIT.failure(c.connect())));
        }
        TestAccount plain = server.createAccount("clear2", ProsodyServer.PLAINTEXT_DOMAIN);
        try (XmppClient c = builder(server, plain, server.c2sPort()).build()) {
            texts.add(chain(XmppClientIT.failure(c.connect())));
        }
        List<String> forms = new ArrayList<>(credentialForms(acc, acc.password()));
        forms.addAll(credentialForms(acc, wrong));
        forms.addAll(credentialForms(plain, plain.password()));
        for (String text : texts) {
            for (String f : forms) {
                assertFalse(text.contains(f), "a credential form is in: " + text.substring(0, Math.min(80, text.length())));
            }
        }
    }

    @Test
    void passwordArraysAreZeroedOnceUsed(ProsodyServer server) throws Exception {
        TestAccount acc = server.createAccount("wiped");
        char[] given = acc.password().toCharArray();
        XmppClient.Builder b = server.clientBuilder(acc, "a").password(given);
        assertArrayEquals(new char[given.length], given, "password(char[]) left the caller's array readable");
        try (XmppClient c = b.build()) {
            c.connect().get(20, TimeUnit.SECONDS); // the builder's copy still logs in
        }
        List<char[]> handedOut = new ArrayList<>();
        Supplier<char[]> vault = () -> {
            char[] pw = acc.password().toCharArray();
            handedOut.add(pw);
            return pw;
        };
        try (XmppClient c = server.clientBuilder(acc, "b").password(vault).build()) {
            c.connect().get(20, TimeUnit.SECONDS);
            c.disconnect().get(20, TimeUnit.SECONDS);
            c.connect().get(20, TimeUnit.SECONDS);
        }
        assertEquals(2, handedOut.size(), "one array per connect");
        for (char[] pw : handedOut) {
            assertArrayEquals(new char[pw.length], pw, "a supplied password array was not zeroed after use");
        }
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                () -> XmppClient.builder().password("a\0b".toCharArray()));
        assertTrue(nul.getMessage().contains("NUL"), nul.getMessage());
    }

    private static XmppClient.Builder builder(ProsodyServer server, TestAccount acc, int port) {
        return XmppClient.builder().jid(acc.jid("sec")).password(acc.password().toCharArray()).host(server.host())
                .port(port).caFile(server.caFile()).connectTimeout(java.time.Duration.ofSeconds(15));
    }

    /** The password and the base64 forms SASL PLAIN would carry it in. */
    static List<String> credentialForms(TestAccount acc, String password) {
        String user = acc.localpart();
        return List.of(password, b64(password), b64("\0" + user + "\0" + password), b64(user + "\0" + password),
                b64(acc.jid() + "\0" + user + "\0" + password));
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }
}
