package io.github.strophejna.client;

import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The IQ requests sent and not yet answered, by id: each answer completes its future, each timeout fails it.
 * Loop thread.
 */
final class PendingIqs {

    private record Pending(CompletableFuture<Iq> future, LoopTimers.Timer timer) {}

    private final EventLoop loop;
    private final Map<String, Pending> pending = new HashMap<>();

    PendingIqs(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Waits for the answer to a request just sent.
     *
     * @param timeoutMillis then the future fails with {@link XmppTimeoutException}
     * @return completes with the result, fails with {@link XmppErrorException} on an error answer
     */
    CompletableFuture<Iq> await(String id, long timeoutMillis) {
        CompletableFuture<Iq> f = new CompletableFuture<>();
        LoopTimers.Timer timer = loop.schedule(timeoutMillis, () -> fail(id, new XmppTimeoutException("no answer to iq " + id
                + " within " + timeoutMillis + " ms")));
        Pending old = pending.put(id, new Pending(f, timer));
        if (old != null) {
            old.timer().cancel();
            old.future().completeExceptionally(new IllegalStateException("another iq was sent with the id " + id));
        }
        return f;
    }

    /** An incoming iq: completes the request it answers, if any. */
    void answer(Stanza s) {
        String type = s.type();
        if (!"result".equals(type) && !"error".equals(type)) {
            return;
        }
        Pending p = pending.remove(s.id());
        if (p == null) {
            return;
        }
        p.timer().cancel();
        Iq iq = Iq.of(s);
        if ("result".equals(type)) {
            p.future().complete(iq);
        } else {
            p.future().completeExceptionally(new XmppErrorException(iq.error() != null ? iq.error()
                    : new StanzaError(StanzaError.Type.CANCEL, "undefined-condition", null)));
        }
    }

    /** Fails one request: its own timeout. */
    private void fail(String id, Throwable cause) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.timer().cancel();
            p.future().completeExceptionally(cause);
        }
    }

    /** Fails the request this future waits for: its caller gave up. */
    void fail(CompletableFuture<Iq> future, Throwable cause) {
        pending.entrySet().removeIf(e -> {
            if (e.getValue().future() != future) {
                return false;
            }
            e.getValue().timer().cancel();
            return true;
        });
        future.completeExceptionally(cause);
    }

    /** Fails them all: the session is over. */
    void failAll(Throwable cause) {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : all) {
            p.timer().cancel();
            p.future().completeExceptionally(cause);
        }
    }
}
