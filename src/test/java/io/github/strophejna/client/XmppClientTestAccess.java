package io.github.strophejna.client;

import java.util.concurrent.CompletableFuture;

/** Lets tests in other packages use the client tests' helpers. */
public final class XmppClientTestAccess {

    private XmppClientTestAccess() {
    }

    /** @return why the future failed (waits up to 30 s; fails the test when it succeeds) */
    public static Throwable failure(CompletableFuture<?> f) throws Exception {
        return XmppClientIT.failure(f);
    }
}
