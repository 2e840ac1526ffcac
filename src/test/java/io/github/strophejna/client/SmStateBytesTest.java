package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** libstrophe's serialized SM state read in Java, in the layout sm_state_serialize writes (stock and fixed). */
class SmStateBytesTest {

    @Test
    void aStockStateIsReadFieldByField() {
        byte[] b = state(3, 7, "SMID", List.of("<message to='x'/>", "<r xmlns='urn:xmpp:sm:3'/>"), List.of("<iq id='1'/>"), null);
        SmStateBytes s = SmStateBytes.parse(b);
        assertEquals(3, s.sent());
        assertEquals(7, s.handled());
        assertEquals("SMID", s.id());
        assertEquals(List.of("<message to='x'/>", "<r xmlns='urn:xmpp:sm:3'/>"), s.sendQueue());
        assertEquals(List.of("<iq id='1'/>"), s.smQueue());
        assertNull(s.boundJid());
    }

    @Test
    void aFixedStateCarriesTheBoundJidAfterTheQueues() {
        SmStateBytes s = SmStateBytes.parse(state(0, 4294967295L, "id", List.of(), List.of(), "a@b/c"));
        assertEquals(4294967295L, s.handled(), "unsigned 32 bits");
        assertEquals("a@b/c", s.boundJid());
    }

    @Test
    void otherBytesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SmStateBytes.parse(new byte[] {0x1a, 0, 0, 0, 1}));
        byte[] ok = state(1, 1, "x", List.of(), List.of(), null);
        assertThrows(IllegalArgumentException.class, () -> SmStateBytes.parse(Arrays.copyOf(ok, ok.length - 1)));
    }

    @Test
    void onlyStanzasAreStanzas() {
        assertTrue(SmStateBytes.isStanza("<message to='a@b'><body>x</body></message>"));
        assertTrue(SmStateBytes.isStanza(" <presence/>"));
        assertTrue(SmStateBytes.isStanza("<iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>"));
        assertTrue(SmStateBytes.isStanza("<client:message xmlns:client='jabber:client'/>"));
        assertFalse(SmStateBytes.isStanza("<r xmlns='urn:xmpp:sm:3'/>"));
        assertFalse(SmStateBytes.isStanza("<a h='3' xmlns='urn:xmpp:sm:3'/>"));
        assertFalse(SmStateBytes.isStanza("<enable xmlns='urn:xmpp:sm:3' resume='true'/>"));
        assertFalse(SmStateBytes.isStanza("<?xml version=\"1.0\"?><stream:stream to='b'>"));
        assertFalse(SmStateBytes.isStanza("</stream:stream>"));
        assertFalse(SmStateBytes.isStanza(" "));
        assertFalse(SmStateBytes.isStanza("<messages/>"));
    }

    /** What sm_state_serialize writes (plus the bound JID of the sm-restore fix when not null). */
    static byte[] state(long sent, long handled, String id, List<String> sendQueue, List<String> smQueue, String jid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1a, 0, 0, 0, 0});
        number(out, 0x1a, sent);
        number(out, 0x1a, handled);
        string(out, id);
        number(out, 0x9a, sendQueue.size());
        sendQueue.forEach(x -> string(out, x));
        number(out, 0xba, smQueue.size());
        for (int i = 0; i < smQueue.size(); i++) {
            number(out, 0x1a, i);
            string(out, smQueue.get(i));
        }
        if (jid != null) {
            string(out, jid);
        }
        return out.toByteArray();
    }

    private static void number(ByteArrayOutputStream out, int tag, long value) {
        out.write(tag);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) value).array());
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        number(out, 0x7a, b.length);
        out.writeBytes(b);
    }
}
