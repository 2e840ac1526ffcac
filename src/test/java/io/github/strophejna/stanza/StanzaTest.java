package io.github.strophejna.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StanzaTest {

    static final String TRICKY = "<&'\"> emoji 😀 CJK 你好 RTL שלום العربية \t tab";

    @Test
    void builtStanzasSurviveTheirOwnXml() {
        Message m = Message.builder().to("bob@example.com/r").id("x1").body(TRICKY).subject("s").thread("t")
                .lang("he").attribute("custom", TRICKY)
                .extension(Stanza.builder("active").namespace("http://jabber.org/protocol/chatstates").build())
                .build();
        Stanza back = Stanza.parse(m.stanza().toXml());
        assertEquals(m.stanza(), back);
        Message view = Message.of(back);
        assertEquals(TRICKY, view.body());
        assertEquals(TRICKY, back.attribute("custom"));
        assertEquals("he", back.attribute("xml:lang"));
        assertEquals(Message.Type.CHAT, view.type());
        assertEquals("http://jabber.org/protocol/chatstates", view.extension("active", "http://jabber.org/protocol/chatstates").namespace());
    }

    @Test
    void namespacesAndPrefixesResolve() {
        Stanza s = Stanza.parse("<stream:features xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:client'>"
                + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><p:x xmlns:p='urn:p'><y/></p:x><z/></stream:features>");
        assertEquals("features", s.name());
        assertEquals("http://etherx.jabber.org/streams", s.namespace());
        assertEquals("urn:ietf:params:xml:ns:xmpp-bind", s.child("bind").namespace());
        Stanza x = s.child("x", "urn:p");
        assertEquals("jabber:client", x.child("y").namespace(), "children of a prefixed element keep the default namespace");
        assertEquals("jabber:client", s.child("z").namespace());
        assertEquals(s, Stanza.parse(s.toXml()));
    }

    @Test
    void emptyElementsDeepNestingEntitiesAndCdata() {
        Stanza s = Stanza.parse("<?xml version='1.0'?>\n<a><b/><c></c><!-- c --><d><![CDATA[<raw & text>]]>&#x1F600;&#65;&lt;</d></a>");
        assertEquals(List.of(), s.child("b").children());
        assertEquals(List.of(), s.child("c").children());
        assertEquals("<raw & text>😀A<", s.child("d").text());
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            deep.append("<e>");
        }
        deep.append("x");
        for (int i = 0; i < 200; i++) {
            deep.append("</e>");
        }
        Stanza d = Stanza.parse(deep.toString());
        assertEquals(d, Stanza.parse(d.toXml()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text", "<a>", "<a></b>", "<a b='1' b='2'/>", "<a b=1/>", "<a>&unknown;</a>",
            "<a>& b</a>", "<a/><b/>", "<!DOCTYPE a><a/>", "<p:a/>", "<a p:b='1'/>", "<a>\u0001</a>", "<a b='<'/>",
            "<a>&#0;</a>", "<a><?pi x?></a>", "<a><![CDATA[x</a>", "<a", "<1a/>"})
    void malformedXmlIsATypedErrorWithAPlace(String xml) {
        StanzaParseException e = assertThrows(StanzaParseException.class, () -> Stanza.parse(xml));
        assertTrue(e.getMessage().startsWith("malformed XML: "), e.getMessage());
        assertTrue(e.offset() >= 0);
    }

    @Test
    void hostileNestingIsRefusedNotAStackOverflow() {
        String bomb = "<a>".repeat(100_000);
        assertThrows(StanzaParseException.class, () -> Stanza.parse(bomb));
    }

    @Test
    void buildersRejectWhatXmlCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> Message.builder().body("bell \u0007"));
        assertThrows(IllegalArgumentException.class, () -> Stanza.builder("a b"));
        assertThrows(IllegalArgumentException.class, () -> Stanza.builder("a").attribute("xmlns", "x"));
        assertThrows(InvalidJidException.class, () -> Message.builder().to("not a jid@"));
        assertThrows(NullPointerException.class, () -> Stanza.builder("a").child(null));
    }

    @Test
    void prettyXmlIndentsElementsButNotText() {
        Stanza s = Stanza.parse("<iq type='result'><query xmlns='q'><item a='1'/><item>x <b>y</b></item></query></iq>");
        assertEquals("<iq type=\"result\">\n  <query xmlns=\"q\">\n    <item a=\"1\"/>\n    <item>x <b>y</b></item>\n  </query>\n</iq>",
                s.toPrettyXml());
        assertEquals("<message><body>a\nb</body></message>".replace("<body>", "\n  <body>").replace("</message>", "\n</message>"),
                Stanza.parse("<message><body>a\nb</body></message>").toPrettyXml());
    }

    @Test
    void viewsReadTheirFields() {
        Presence p = Presence.builder().show(Presence.Show.DND).status("busy").priority(-5).build();
        Presence back = Presence.of(Stanza.parse(p.toString()));
        assertEquals(Presence.Type.AVAILABLE, back.type());
        assertEquals(Presence.Show.DND, back.show());
        assertEquals("busy", back.status());
        assertEquals(-5, back.priority());

        Iq get = Iq.get(Jid.parse("example.com"), Stanza.builder("query").namespace("jabber:iq:version").build());
        Iq error = Iq.of(Stanza.parse(get.error(new StanzaError(StanzaError.Type.CANCEL, "item-not-found", "no")).toString()));
        assertEquals(Iq.Type.ERROR, error.type());
        assertEquals(get.id(), error.id());
        assertEquals(new StanzaError(StanzaError.Type.CANCEL, "item-not-found", "no"), error.error());
        assertNull(Iq.of(Stanza.parse(get.result(null).toString())).payload());
        assertThrows(IllegalArgumentException.class, () -> Iq.of(Stanza.parse("<iq type='bogus'/>")));
    }
}
