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
}
