package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.strophejna.jna.LibStrophe;
import io.github.strophejna.jna.Strophe;
import io.github.strophejna.jna.XmppCtx;
import io.github.strophejna.jna.XmppStanza;
import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Java stanza -> XML -> libstrophe's parser -> xmpp_stanza_to_text -> Java parser: nothing changes. */
class NativeRoundTripTest {

    static XmppCtx ctx;

    @BeforeAll
    static void context() {
        LibStrophe.load();
        NativeInit.ensure();
        ctx = Strophe.xmpp_ctx_new(null, null);
    }

    @AfterAll
    static void free() {
        Strophe.xmpp_ctx_free(ctx);
    }

    static Stanza throughLibstrophe(Stanza s) {
        XmppStanza n = Strophe.xmpp_stanza_new_from_string(ctx, s.toXml());
        assertNotNull(n, "libstrophe could not parse " + s.toXml());
        try {
            return Stanza.parse(StanzaText.restoreXmlLang(StanzaText.of(n)));
        } finally {
            Strophe.xmpp_stanza_release(n);
        }
    }

    @Test
    void stanzasSurviveLibstrophe() {
        Stanza deep = Stanza.builder("leaf").text("deep").build();
        for (int i = 0; i < 100; i++) {
            deep = Stanza.builder("n" + i).child(deep).build();
        }
        List<Stanza> samples = List.of(
                Message.builder().to("bob@example.com").id("a").lang("ar").body("<&'\"> 😀 你好 שלום العربية")
                        .attribute("x-custom", "v<&>'\"").build().stanza(),
                Presence.builder().show(Presence.Show.AWAY).status("").priority(3).build().stanza(),
                Iq.get(null, Stanza.builder("query").namespace("jabber:iq:roster")
                        .child(Stanza.builder("item").attribute("jid", "a@b").build())
                        .child(Stanza.builder("x").namespace("urn:other").child(Stanza.builder("empty").build()).build())
                        .build()).stanza(),
                Stanza.builder("message").child(deep).build());
        for (Stanza s : samples) {
            assertEquals(s, throughLibstrophe(s), s.toXml());
        }
    }
}
