package io.github.strophejna.client;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.github.strophejna.jna.SizeT;
import io.github.strophejna.jna.Strophe;
import io.github.strophejna.jna.StropheConstants;
import io.github.strophejna.jna.XmppStanza;
import java.nio.charset.StandardCharsets;

/** A native stanza as XML text, in one call: the bulk translation from libstrophe to Java. Loop thread. */
final class StanzaText {

    private StanzaText() {
    }

    /**
     * @param stanza a stanza libstrophe owns (valid only during the callback)
     * @return its XML
     */
    static String of(XmppStanza stanza) {
        return of(stanza, new PointerByReference(), new SizeT.ByReference());
    }

    /**
     * The same with out-parameters the caller reuses: allocating them per stanza (JNA tracks every
     * {@code Memory} in a concurrent map) was a visible share of the receive path.
     */
    static String of(XmppStanza stanza, PointerByReference buf, SizeT.ByReference len) {
        int rc = Strophe.xmpp_stanza_to_text(stanza, buf, len);
        if (rc != StropheConstants.XMPP_EOK) {
            throw new IllegalStateException("xmpp_stanza_to_text failed: " + rc);
        }
        Pointer p = buf.getValue();
        try {
            return new String(p.getByteArray(0, Math.toIntExact(len.getValue())), StandardCharsets.UTF_8);
        } finally {
            Strophe.xmpp_free(Strophe.xmpp_stanza_get_context(stanza), p);
        }
    }

    /**
     * libstrophe 0.12's parser keeps only the local name of attributes, so {@code xml:lang} arrives as
     * {@code lang}. No XMPP element defines an unprefixed {@code lang}, so inside tags it is put back.
     */
    static String restoreXmlLang(String xml) {
        int i = xml.indexOf(" lang=");
        if (i < 0) {
            return xml;
        }
        StringBuilder sb = new StringBuilder(xml.length() + 16);
        int from = 0;
        while (i >= 0) {
            int lastOpen = xml.lastIndexOf('<', i);
            int lastClose = xml.lastIndexOf('>', i);
            sb.append(xml, from, i);
            sb.append(lastOpen > lastClose ? " xml:lang=" : " lang=");
            from = i + 6;
            i = xml.indexOf(" lang=", from);
        }
        return sb.append(xml, from, xml.length()).toString();
    }
}
