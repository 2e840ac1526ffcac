/**
 * strophe-jna: an XMPP client over libstrophe. Exported: the client API ({@code client}, {@code stanza},
 * {@code scripting}, the XEP helpers in {@code xep.*}) and the raw binding ({@code jna}) for those who want
 * libstrophe itself. Not exported, and not to be used: {@code internal} and {@code jna.internal} (helpers the
 * packages share) and {@code cli} (the command-line tool, run as a program).
 */
module io.github.strophejna {
    requires transitive com.sun.jna;
    requires org.slf4j;

    exports io.github.strophejna.client;
    exports io.github.strophejna.stanza;
    exports io.github.strophejna.scripting;
    exports io.github.strophejna.jna;
    exports io.github.strophejna.xep.caps;
    exports io.github.strophejna.xep.carbons;
    exports io.github.strophejna.xep.chatstates;
    exports io.github.strophejna.xep.delay;
    exports io.github.strophejna.xep.disco;
    exports io.github.strophejna.xep.muc;
    exports io.github.strophejna.xep.offline;
    exports io.github.strophejna.xep.ping;
    exports io.github.strophejna.xep.pubsub;
    exports io.github.strophejna.xep.receipts;
    exports io.github.strophejna.xep.register;
    exports io.github.strophejna.xep.roster;
    exports io.github.strophejna.xep.time;
    exports io.github.strophejna.xep.vcard;
    exports io.github.strophejna.xep.version;
}
