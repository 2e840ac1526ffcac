package io.github.strophejna.client;

import com.sun.jna.Memory;
import com.sun.jna.ptr.PointerByReference;
import io.github.strophejna.jna.LibStrophe;
import io.github.strophejna.jna.SizeT;
import io.github.strophejna.jna.Strophe;
import io.github.strophejna.jna.XmppCtx;
import io.github.strophejna.jna.XmppStanza;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Stanza;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * scripts/bench.sh's "stanza" workload (JMH): the translation steps between libstrophe and Java objects,
 * by message body size, as ClientConnection and XmppClient do them.
 * <ul>
 * <li>{@code receiveFromLogText}: the usual receive path: the XML libstrophe already serialised for its
 * RECV log line, xml:lang restored, parsed into a {@link Stanza} and viewed as a {@link Message}.
 * <li>{@code receiveFromNative}: the fallback receive path: {@code xmpp_stanza_to_text} on the native
 * stanza, decoded, parsed.
 * <li>{@code send}: a {@link Message} serialised to UTF-8 XML and copied into native memory, which is what
 * passing it to {@code xmpp_send_raw} costs before libstrophe's own copy.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StanzaTranslationBench {

    @Param({"64", "1024", "16384"})
    public int bodyBytes;

    private XmppCtx ctx;
    private XmppStanza nativeStanza;
    private String logText;
    private Message message;
    private final PointerByReference buf = new PointerByReference();
    private final SizeT.ByReference len = new SizeT.ByReference();

    @Setup(Level.Trial)
    public void setUp() {
        LibStrophe.load();
        NativeInit.ensure();
        ctx = Strophe.xmpp_ctx_new(null, null);
        message = Message.builder().to("receiver@localhost/r").id("m-1").body("x".repeat(bodyBytes)).build();
        logText = message.stanza().toXml();
        nativeStanza = Strophe.xmpp_stanza_new_from_string(ctx, logText);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Strophe.xmpp_stanza_release(nativeStanza);
        Strophe.xmpp_ctx_free(ctx);
    }

    @Benchmark
    public Message receiveFromLogText() {
        return Message.of(Stanza.parse(StanzaText.restoreXmlLang(logText)));
    }

    @Benchmark
    public Message receiveFromNative() {
        return Message.of(Stanza.parse(StanzaText.restoreXmlLang(StanzaText.of(nativeStanza, buf, len))));
    }

    @Benchmark
    public Memory send() {
        byte[] xml = message.stanza().toXml().getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(xml.length);
        m.write(0, xml, 0, xml.length);
        return m;
    }
}
