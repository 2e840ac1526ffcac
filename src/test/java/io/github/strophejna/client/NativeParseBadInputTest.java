package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.ptr.PointerByReference;
import io.github.strophejna.jna.LibStrophe;
import io.github.strophejna.jna.SizeT;
import io.github.strophejna.jna.Strophe;
import io.github.strophejna.jna.XmppCtx;
import io.github.strophejna.jna.XmppStanza;
import io.github.strophejna.stanza.BadInputs;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

/**
 * The same hostile text through libstrophe's own parser ({@code xmpp_stanza_new_from_string}, expat) and
 * back ({@code xmpp_stanza_to_text}), as the receive path does. All native calls run on one thread with the
 * event loop's stack, and one context. No input may crash the JVM; what libstrophe accepts, the Java parser
 * reads or rejects typed; and whatever the Java side accepts (what the client would send) libstrophe reads
 * back unchanged.
 */
class NativeParseBadInputTest {

    /** Runs the body on a thread like the event loop's: libstrophe calls stay on it, with its stack. */
    static <T> T onLoopLikeThread(Callable<T> body) throws Exception {
        FutureTask<T> task = new FutureTask<>(() -> {
            LibStrophe.load();
            NativeInit.ensure();
            return body.call();
        });
        Thread t = new Thread(null, task, "native-bad-input", EventLoop.STACK_BYTES);
        t.start();
        t.join();
        return task.get();
    }

    private static final String STREAM_NS = "jabber:client";

    /**
     * What libstrophe 0.12 cannot carry, taken out of both sides: a top-level stanza's default namespace
     * (the stream's), an {@code xmlns=""} undeclaration (the element then shows its parent's namespace), and
     * the {@code xml:} prefix of attributes other than {@code xml:lang} (it keeps local names only), and a
     * plain {@code lang}, which {@link StanzaText#restoreXmlLang} reads as {@code xml:lang} by design.
     */
    static Stanza asLibstropheKeepsIt(Stanza s, String parentNamespace) {
        String ns = s.namespace() == null ? parentNamespace : s.namespace();
        Stanza.Builder b = Stanza.builder(s.name()).namespace(ns);
        s.attributes().forEach((name, value) ->
                b.attribute(name.equals("lang") ? "xml:lang"
                        : name.startsWith("xml:") && !name.equals("xml:lang") ? name.substring(4) : name, value));
        for (io.github.strophejna.stanza.Node n : s.children()) {
            if (n instanceof Stanza c) {
                b.child(asLibstropheKeepsIt(c, ns));
            } else {
                b.text(((io.github.strophejna.stanza.Text) n).value());
            }
        }
        return b.build();
    }

    @Test
    void hostileTextThroughLibstrophe() throws Exception {
        List<String> failures = onLoopLikeThread(() -> {
            XmppCtx ctx = Strophe.xmpp_ctx_new(null, null);
            PointerByReference buf = new PointerByReference();
            SizeT.ByReference len = new SizeT.ByReference();
            List<String> bad = new ArrayList<>();
            int nativeAccepted = 0;
            int javaAccepted = 0;
            int tried = 0;
            long t0 = System.nanoTime();
            try {
                SplittableRandom r = new SplittableRandom(BadInputs.seed());
                for (int i = 0; i < BadInputs.count() && bad.size() < 10; i++, tried++) {
                    String in = BadInputs.xml(r);
                    XmppStanza n = Strophe.xmpp_stanza_new_from_string(ctx, in);
                    if (n != null) {
                        nativeAccepted++;
                        String text;
                        try {
                            text = StanzaText.of(n, buf, len);
                        } finally {
                            Strophe.xmpp_stanza_release(n);
                        }
                        try {
                            Stanza.parse(StanzaText.restoreXmlLang(text));
                        } catch (StanzaParseException e) {
                            // libstrophe is laxer (it passes undeclared prefixes on, for one): a typed refusal is fine
                        } catch (RuntimeException e) {
                            bad.add("#" + i + " libstrophe's output made the Java parser throw " + e + ": " + BadInputs.show(text));
                        }
                    }
                    Stanza s;
                    try {
                        s = Stanza.parse(in);
                    } catch (StanzaParseException e) {
                        continue;
                    }
                    javaAccepted++;
                    String xml = s.toXml();
                    XmppStanza back = Strophe.xmpp_stanza_new_from_string(ctx, xml);
                    if (back == null) {
                        bad.add("#" + i + " libstrophe cannot read what the client would send: " + BadInputs.show(xml));
                        continue;
                    }
                    try {
                        Stanza again = Stanza.parse(StanzaText.restoreXmlLang(StanzaText.of(back, buf, len)));
                        if (!asLibstropheKeepsIt(again, STREAM_NS).equals(asLibstropheKeepsIt(s, STREAM_NS))) {
                            bad.add("#" + i + " changed by libstrophe: " + BadInputs.show(xml) + " -> " + BadInputs.show(again.toXml()));
                        }
                    } finally {
                        Strophe.xmpp_stanza_release(back);
                    }
                }
            } finally {
                Strophe.xmpp_ctx_free(ctx);
            }
            System.out.printf("bad input: libstrophe parse: %d inputs (seed %d): %d parsed by libstrophe, %d accepted by the Java"
                    + " parser and unchanged through libstrophe, %d ms%n", tried, BadInputs.seed(), nativeAccepted,
                    javaAccepted, (System.nanoTime() - t0) / 1_000_000);
            return bad;
        });
        assertTrue(failures.isEmpty(), "seed " + BadInputs.seed() + ":\n" + String.join("\n", failures));
    }

    /**
     * A server may send anything: 200,000 levels (1.4 MB) rendered and freed by libstrophe on a loop-sized
     * stack. With Java's default thread stack this killed the JVM (SIGSEGV) from about 30,000 levels.
     */
    @Test
    void deepNestingDoesNotOverflowTheLoopStack() throws Exception {
        int levels = 200_000;
        String text = onLoopLikeThread(() -> {
            XmppCtx ctx = Strophe.xmpp_ctx_new(null, null);
            try {
                XmppStanza n = Strophe.xmpp_stanza_new_from_string(ctx, BadInputs.nested(null, levels, true));
                assertNotNull(n, "libstrophe did not parse the nesting");
                try {
                    return StanzaText.of(n);
                } finally {
                    Strophe.xmpp_stanza_release(n);
                }
            } finally {
                Strophe.xmpp_ctx_free(ctx);
            }
        });
        assertEquals(levels * 7 + 1, text.length());
        StanzaParseException e = org.junit.jupiter.api.Assertions.assertThrows(StanzaParseException.class, () -> Stanza.parse(text));
        assertTrue(e.getMessage().contains("depth limit"), e.getMessage());
    }
}
