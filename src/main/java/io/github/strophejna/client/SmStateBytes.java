package io.github.strophejna.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * libstrophe's serialized Stream Management state (what {@code xmpp_conn_set_sm_callback} hands out and
 * {@code xmpp_conn_restore_sm_state} reads, 0.14.0 to master), read in Java: the client needs the count of
 * stanzas handled, for its own final acknowledgement after a resume in another process. Format version 0, as
 * libstrophe writes it: the 5 bytes {@code 1a 00 00 00 00}, then the sent and handled counts, the session id,
 * the send queue (items not written yet), the SM queue (written, not acknowledged: each with its number), and,
 * on a build with the project's {@code sm-restore} fix, the bound JID. A number is a tag byte and 4 bytes
 * big-endian ({@code 1a} a count, {@code 7a} a string's length before its bytes, {@code 9a} and {@code ba} the
 * queues' lengths). Pure Java.
 *
 * @param sent stanzas sent in the session (libstrophe's sm_sent_nr)
 * @param handled stanzas received and handled (sm_handled_nr): the {@code h} a resume sends
 * @param id the session's id (the {@code previd} of its resume)
 * @param sendQueue items libstrophe had queued and not written, oldest first (its own {@code <r/>} among them)
 * @param smQueue items written and not acknowledged by the server, oldest first
 * @param boundJid the full JID bound to the session, or null (not stored by a stock library)
 */
record SmStateBytes(long sent, long handled, String id, List<String> sendQueue, List<String> smQueue, String boundJid) {

    private static final byte COUNT = 0x1a;
    private static final byte STRING = 0x7a;
    private static final byte SEND_QUEUE = (byte) 0x9a;
    private static final byte SM_QUEUE = (byte) 0xba;

    /**
     * @param serialized the bytes
     * @return what they hold
     * @throws IllegalArgumentException when they are not a state of format version 0
     */
    static SmStateBytes parse(byte[] serialized) {
        ByteBuffer b = ByteBuffer.wrap(serialized);
        try {
            if (b.get() != COUNT || b.getInt() != 0) {
                throw new IllegalArgumentException("not a libstrophe Stream Management state of format version 0");
            }
            long sent = number(b, COUNT);
            long handled = number(b, COUNT);
            String id = string(b);
            List<String> sendQueue = new ArrayList<>();
            for (long i = number(b, SEND_QUEUE); i > 0; i--) {
                sendQueue.add(string(b));
            }
            List<String> smQueue = new ArrayList<>();
            for (long i = number(b, SM_QUEUE); i > 0; i--) {
                number(b, COUNT); // the item's number
                smQueue.add(string(b));
            }
            String jid = b.hasRemaining() ? string(b) : null;
            return new SmStateBytes(sent, handled, id, List.copyOf(sendQueue), List.copyOf(smQueue), jid);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("a truncated libstrophe Stream Management state", e);
        }
    }

    private static long number(ByteBuffer b, byte tag) {
        byte t = b.get();
        if (t != tag) {
            throw new IllegalArgumentException(String.format("a libstrophe Stream Management state with tag 0x%02x at %d,"
                    + " expected 0x%02x", t & 0xff, b.position() - 1, tag & 0xff));
        }
        return b.getInt() & 0xFFFF_FFFFL;
    }

    private static String string(ByteBuffer b) {
        int length = Math.toIntExact(number(b, STRING));
        byte[] bytes = new byte[length];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Whether a queued item is a stanza (message, presence or iq), as opposed to what libstrophe writes for the
     * protocol itself ({@code <r/>}, {@code <a/>}, {@code <enable/>}, stream headers, whitespace keepalives).
     */
    static boolean isStanza(String xml) {
        String s = xml.stripLeading();
        if (!s.startsWith("<") || s.startsWith("</")) {
            return false;
        }
        int end = 1;
        while (end < s.length() && " \t\r\n/>".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        String name = s.substring(1, end);
        name = name.substring(name.indexOf(':') + 1); // a prefix, as in <client:message>
        return name.equals("message") || name.equals("presence") || name.equals("iq");
    }
}
