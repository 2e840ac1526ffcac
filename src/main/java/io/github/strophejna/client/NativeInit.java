package io.github.strophejna.client;

import io.github.strophejna.jna.Strophe;

/** libstrophe's process-wide initialisation (OpenSSL and friends), done once and never undone. */
final class NativeInit {

    private static boolean done;

    private NativeInit() {
    }

    static synchronized void ensure() {
        if (!done) {
            io.github.strophejna.jna.internal.TrustStoreEnvironment.applyOnce(); // before any TLS context exists
            Strophe.xmpp_initialize();
            done = true;
        }
    }
}
