package io.github.strophejna.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JidTest {

    @Test
    void partsOfAFullJid() {
        Jid j = Jid.parse("juliet@example.com/balcony/with/slashes@and@ats");
        assertEquals("juliet", j.local());
        assertEquals("example.com", j.domain());
        assertEquals("balcony/with/slashes@and@ats", j.resource());
        assertEquals(Jid.parse("juliet@example.com"), j.bare());
        assertTrue(j.bare().isBare());
        assertEquals("juliet@example.com/balcony/with/slashes@and@ats", j.toString());
    }

    @Test
    void domainOnlyTrailingDotAndIpv6() {
        assertNull(Jid.parse("example.com").local());
        assertEquals("example.com", Jid.parse("example.com.").domain());
        assertEquals("[::1]", Jid.parse("user@[::1]/r").domain());
        assertEquals(Jid.parse("a@EXAMPLE.com"), Jid.parse("a@example.com"));
        assertEquals("用户@例子.广告/资源", Jid.parse("用户@例子.广告/资源").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@example.com", "user@", "user@example.com/", "us er@example.com", "us\"er@example.com",
            "us&er@x", "us'er@x", "us:er@x", "us<er@x", "us>er@x", "a@b@c", "a@[::1", "a@[not-ipv6]", "a@exa mple.com",
            "a@.example.com", "a@example..com", "a\u0001b@x", "x/\u0000"})
    void invalidJidsAreRejectedWithAReason(String text) {
        InvalidJidException e = assertThrows(InvalidJidException.class, () -> Jid.parse(text));
        assertTrue(e.getMessage().startsWith("invalid JID"), e.getMessage());
    }

    @Test
    void partsLongerThan1023BytesAreRejected() {
        String longLocal = "é".repeat(512); // 1024 bytes of UTF-8
        assertThrows(InvalidJidException.class, () -> Jid.parse(longLocal + "@example.com"));
        assertEquals(1023, Jid.parse("a".repeat(1023) + "@x").local().length());
        assertThrows(InvalidJidException.class, () -> Jid.parse("x/" + "r".repeat(1024)));
        assertThrows(NullPointerException.class, () -> Jid.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\uFFFD\uFFFD@localhost", // bytes that were not UTF-8, as the JVM decodes them
        "a@b/r\uFFFD", "a\uFFFEb@x", "a\uFDD0@x", "a@x/\uDBFF\uDFFF", // noncharacters
        "a\u0378@x", // unassigned
        "a\uE000@x", "a@x/\uE000", // private use
        "a\u202Eb@x", "a@x/\u202Er", "a\u200Bb@x", "\uFEFFa@x", "a\u00ADb@x", // bidi override, zero width, BOM, soft hyphen
        "a\uFE0F@x", "a@x/\u2028", "a\u1100@x", // variation selector, line separator, a lone jamo
        "a\u0085b@x", "a\u007Fb@x", "a\u00A0b@x", "a\u3000b@x", // C1 control, DEL, no-break and ideographic space
        "a\u2713@x", "a\u00BFb@x", "a\u2167@x", // beyond ASCII the localpart holds only letters, marks, digits
        "\uFB01@x", "\uFF20@x", // compatibility characters; full-width @ is @
        "\u05D0a@x", "1\u05D0@x", "\u05D0\u0661\u0031@x", // the Bidi Rule
        "a@ex!ample.com", "a@-example.com", "a@example-.com", "a@exa\u2713mple.com", "a@exa\u00A0mple.com",
        "a@\uFFFD.example", "a@b/\u0000"})
    void charactersRfc7622ForbidsAreRejected(String text) {
        InvalidJidException e = assertThrows(InvalidJidException.class, () -> Jid.parse(text));
        assertTrue(e.getMessage().startsWith("invalid JID"), e.getMessage());
        assertTrue(e.getMessage().contains(" may not hold "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"j\u00FCrgen@localhost", "stra\u00DFe@x", "\u03C3\u03BF\u03C6\u03CC\u03C2@x",
        "\u05D0\u05D1@x", "\u05D0\u05D1\u0031@x", "\u0645\u062D\u0645\u062F@x", "\u0928\u092E\u0938\u094D\u0924\u0947@x",
        "a\u200Cb@x", "\uFF41\uFF42@x", "Juliet@x", "a.b_c-d+e!f#g$h%i*j=k?l^m`n{o|p}q~r@x", "a@xn--bcher-kva.example",
        "a@b\u00FCcher.example", "a@b/with space and \u2713 and \uFB01", "a@b/\u0661 x",
        "a@b_c.example", "a@127.0.0.1", "a@b/\uD83D\uDE00"})
    void validJidsAcrossScriptsAreAccepted(String text) {
        assertEquals(text, Jid.parse(text).toString());
    }

    @Test
    void theMessageNamesTheCharacterAndSpellsOutInvisibleOnes() {
        InvalidJidException e = assertThrows(InvalidJidException.class, () -> Jid.parse("ev\u202Eil@x"));
        assertEquals("invalid JID 'evU+202Eil@x': the localpart may not hold the invisible format character U+202E",
                e.getMessage());
        InvalidJidException fffd = assertThrows(InvalidJidException.class, () -> Jid.parse("\uFFFD\uFFFD@localhost"));
        assertTrue(fffd.getMessage().contains("U+FFFD, the replacement character"), fffd.getMessage());
        assertThrows(InvalidJidException.class, () -> Jid.of("a", "b", "\uFFFD"));
        assertThrows(InvalidJidException.class, () -> Jid.parse("a@b").withResource("r\u0000"));
    }

    @Test
    void lengthsCountUtf8BytesOfEachPart() {
        String threeByte = "\u4E00".repeat(341); // 1023 bytes
        assertEquals(threeByte, Jid.parse(threeByte + "@x").local());
        assertThrows(InvalidJidException.class, () -> Jid.parse(threeByte + "a@x"));
        assertThrows(InvalidJidException.class, () -> Jid.parse("a@" + "b".repeat(1024)));
        assertEquals(1023, Jid.parse("a@x/" + "\uD83D\uDE00".repeat(255) + "abc").resource().getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length);
    }
}
