package io.github.strophejna.client;

import io.github.strophejna.jna.StropheConstants;

/** libstrophe's stream error types as RFC 6120 condition names, for when the error element is missing. */
final class StreamErrors {

    private static final String[] CONDITIONS = new String[24];

    static {
        CONDITIONS[StropheConstants.XMPP_SE_BAD_FORMAT] = "bad-format";
        CONDITIONS[StropheConstants.XMPP_SE_BAD_NS_PREFIX] = "bad-namespace-prefix";
        CONDITIONS[StropheConstants.XMPP_SE_CONFLICT] = "conflict";
        CONDITIONS[StropheConstants.XMPP_SE_CONN_TIMEOUT] = "connection-timeout";
        CONDITIONS[StropheConstants.XMPP_SE_HOST_GONE] = "host-gone";
        CONDITIONS[StropheConstants.XMPP_SE_HOST_UNKNOWN] = "host-unknown";
        CONDITIONS[StropheConstants.XMPP_SE_IMPROPER_ADDR] = "improper-addressing";
        CONDITIONS[StropheConstants.XMPP_SE_INTERNAL_SERVER_ERROR] = "internal-server-error";
        CONDITIONS[StropheConstants.XMPP_SE_INVALID_FROM] = "invalid-from";
        CONDITIONS[StropheConstants.XMPP_SE_INVALID_ID] = "invalid-id";
        CONDITIONS[StropheConstants.XMPP_SE_INVALID_NS] = "invalid-namespace";
        CONDITIONS[StropheConstants.XMPP_SE_INVALID_XML] = "invalid-xml";
        CONDITIONS[StropheConstants.XMPP_SE_NOT_AUTHORIZED] = "not-authorized";
        CONDITIONS[StropheConstants.XMPP_SE_POLICY_VIOLATION] = "policy-violation";
        CONDITIONS[StropheConstants.XMPP_SE_REMOTE_CONN_FAILED] = "remote-connection-failed";
        CONDITIONS[StropheConstants.XMPP_SE_RESOURCE_CONSTRAINT] = "resource-constraint";
        CONDITIONS[StropheConstants.XMPP_SE_RESTRICTED_XML] = "restricted-xml";
        CONDITIONS[StropheConstants.XMPP_SE_SEE_OTHER_HOST] = "see-other-host";
        CONDITIONS[StropheConstants.XMPP_SE_SYSTEM_SHUTDOWN] = "system-shutdown";
        CONDITIONS[StropheConstants.XMPP_SE_UNDEFINED_CONDITION] = "undefined-condition";
        CONDITIONS[StropheConstants.XMPP_SE_UNSUPPORTED_ENCODING] = "unsupported-encoding";
        CONDITIONS[StropheConstants.XMPP_SE_UNSUPPORTED_STANZA_TYPE] = "unsupported-stanza-type";
        CONDITIONS[StropheConstants.XMPP_SE_UNSUPPORTED_VERSION] = "unsupported-version";
        CONDITIONS[StropheConstants.XMPP_SE_XML_NOT_WELL_FORMED] = "not-well-formed";
    }

    private StreamErrors() {
    }

    /** @return the server's stream error as the exception a session ends with (its element read when there is one) */
    static StreamErrorException of(io.github.strophejna.jna.XmppStreamError e) {
        String condition = null;
        String text = io.github.strophejna.jna.NativeStrings.utf8(e.text);
        if (e.stanza != null && e.stanza.getPointer() != null) {
            try {
                io.github.strophejna.stanza.Stanza s = io.github.strophejna.stanza.Stanza.parse(StanzaText.of(e.stanza));
                for (io.github.strophejna.stanza.Stanza c : s.elements()) {
                    if (!c.name().equals("text")) {
                        condition = c.name();
                    } else if (text == null) {
                        text = c.text();
                    }
                }
            } catch (RuntimeException ex) {
                // an unreadable element: the type libstrophe parsed still names the condition
            }
        }
        return new StreamErrorException(condition != null ? condition : condition(e.type), text);
    }

    static String condition(int type) {
        return type >= 0 && type < CONDITIONS.length && CONDITIONS[type] != null ? CONDITIONS[type] : "undefined-condition";
    }
}
