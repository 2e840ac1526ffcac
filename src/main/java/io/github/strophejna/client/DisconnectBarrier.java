package io.github.strophejna.client;

import io.github.strophejna.stanza.Iq;
import java.util.concurrent.CompletableFuture;

/**
 * What disconnect waits for before closing the stream: one server round trip queued behind everything sent,
 * so when the server answers it has all of it. It waits behind whatever is still queued, so the timeout counts
 * time without progress (the send queue no shorter), not time since the call. Loop thread.
 */
final class DisconnectBarrier {

    private static final long CHECK_EVERY_MILLIS = 100;

    private final ClientConnection connection;
    private final ClientConfig config;
    private final EventLoop loop;

    DisconnectBarrier(ClientConnection connection, ClientConfig config, EventLoop loop) {
        this.connection = connection;
        this.config = config;
        this.loop = loop;
    }

    /** Sends the round trip; the stream is closed when it comes back or the barrier gives up. */
    void start() {
        CompletableFuture<Iq> answer = connection.roundTrip(Long.MAX_VALUE / 4, true);
        answer.whenComplete((a, failure) -> connection.closeStream(failure));
        watch(answer, connection.queued(), System.nanoTime());
    }

    private void watch(CompletableFuture<Iq> answer, int queued, long lastProgress) {
        loop.schedule(CHECK_EVERY_MILLIS, () -> {
            if (answer.isDone() || !connection.lifecycle().is(SessionLifecycle.Phase.DISCONNECTING)) {
                return;
            }
            int now = connection.queued();
            // without a queue length (0.11), a writable pass while items wait counts as progress
            long progress = now < queued || (!LibraryFeatures.SEND_QUEUE_LENGTH && connection.writeBudget() > 0)
                    ? System.nanoTime() : lastProgress;
            if (System.nanoTime() - progress > config.disconnectTimeout().toNanos()) {
                connection.giveUp(answer, new XmppTimeoutException("no progress for "
                        + config.disconnectTimeout().toMillis() + " ms with " + now + " items still queued"));
            } else {
                watch(answer, now, progress);
            }
        });
    }
}
