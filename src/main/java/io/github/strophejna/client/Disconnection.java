package io.github.strophejna.client;

import io.github.strophejna.stanza.Iq;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A disconnect the application asked for, without losing what it sent: one server round trip queued behind
 * everything sent (when the server answers, it has all of it), the final Stream Management ack, then the stream
 * close. The round trip waits behind whatever is still queued, so its timeout counts time without progress
 * (the send queue no shorter), not time since the call. Loop thread.
 */
final class Disconnection {

    private static final Logger LOG = LoggerFactory.getLogger(Disconnection.class);
    private static final long CHECK_EVERY_MILLIS = 100;

    private final ClientConnection connection;
    private final ClientConfig config;
    private final EventLoop loop;
    /** Completes when libstrophe reports the close; null when no disconnect was asked since the last connect. */
    private CompletableFuture<Void> done;

    Disconnection(ClientConnection connection, ClientConfig config, EventLoop loop) {
        this.connection = connection;
        this.config = config;
        this.loop = loop;
    }

    /** A new connect: an earlier disconnect is over. */
    void reset() {
        done = null;
    }

    /** The connection closed (or was released): whoever waits for the disconnect may go on. */
    void closed() {
        if (done != null) {
            done.complete(null);
        }
    }

    /** @return completes when disconnected; at once when there is nothing to close. Idempotent. */
    CompletableFuture<Void> request() {
        SessionLifecycle lifecycle = connection.lifecycle();
        lifecycle.disconnectAsked();
        connection.cancelReconnect();
        if (lifecycle.is(SessionLifecycle.Phase.IDLE) || lifecycle.released()) {
            return CompletableFuture.completedFuture(null);
        }
        if (done != null) {
            return done;
        }
        done = new CompletableFuture<>();
        CompletableFuture<Void> result = done;
        if (lifecycle.is(SessionLifecycle.Phase.CONNECTING)) {
            // said now, and once: libstrophe would otherwise go on (a SASL exchange cut short reads as
            // "cannot authenticate") or even report the session ready after this call
            lifecycle.closing();
            connection.failConnect(new ConnectionException("disconnect() was called before the session to "
                    + connection.target() + " was ready"));
            connection.nativeConnection().disconnect();
            connection.passSoon();
            guard();
        } else if (lifecycle.is(SessionLifecycle.Phase.DISCONNECTING)) {
            guard(); // the connect timeout is closing it already; the future follows
        } else {
            lifecycle.closing();
            if (config.component() || connection.raw()) {
                // components have no server to ping, unauthenticated streams may not ping (XEP-0114 routes everything)
                closeStream(null);
            } else {
                CompletableFuture<Iq> answer = connection.outbound().roundTrip(Long.MAX_VALUE / 4, true);
                answer.whenComplete((a, failure) -> closeStream(failure));
                watch(answer, connection.nativeConnection().queued(), connection.outbound().writablePasses(),
                        connection.liveness().lastHeardNanos(), System.nanoTime());
            }
        }
        return result;
    }

    /**
     * Gives up on the round trip once the disconnect timeout passes without progress: the send queue no shorter,
     * no writable pass (libstrophe's queue length leaves out the item it is writing, so a server reading slowly
     * shows as the socket turning writable again), and nothing received (a server working through a backlog
     * answers what came before the round trip: it is slow, not gone, and closing on it now would lose the rest).
     */
    private void watch(CompletableFuture<Iq> answer, int queued, long writablePasses, long heard, long lastProgress) {
        loop.schedule(CHECK_EVERY_MILLIS, () -> {
            if (answer.isDone() || !connection.lifecycle().is(SessionLifecycle.Phase.DISCONNECTING)) {
                return;
            }
            int now = connection.nativeConnection().queued();
            long passes = connection.outbound().writablePasses();
            long heardNow = connection.liveness().lastHeardNanos();
            long progress = now < queued || passes != writablePasses || heardNow != heard ? System.nanoTime() : lastProgress;
            if (System.nanoTime() - progress > config.disconnectTimeout().toNanos()) {
                connection.pendingIqs().fail(answer, new XmppTimeoutException("no progress for "
                        + config.disconnectTimeout().toMillis() + " ms with " + now + " items still queued"));
            } else {
                watch(answer, now, passes, heardNow, progress);
            }
        });
    }

    /** The round trip is done (or gave up): acknowledge what we handled and close the stream. */
    private void closeStream(Throwable roundTripFailure) {
        if (roundTripFailure != null && !(roundTripFailure instanceof XmppErrorException)) {
            LOG.warn("{}: the server did not confirm before disconnect: {}", config.jid(), roundTripFailure.getMessage());
        }
        if (!connection.lifecycle().is(SessionLifecycle.Phase.DISCONNECTING)) {
            return; // the connection was lost meanwhile
        }
        if (connection.sm().enabled()) {
            // libstrophe 0.12 closes without a final ack, so the server would store (and later redeliver)
            // what it thinks is unacknowledged: tell it what we handled.
            connection.nativeConnection().send(connection.sm().ack());
        }
        connection.nativeConnection().disconnect();
        connection.passSoon();
        guard();
    }

    /** libstrophe waits for the server's closing tag with its own timeout; this one only guards the future. */
    private void guard() {
        CompletableFuture<Void> f = done;
        loop.schedule(config.disconnectTimeout().toMillis() + 2000, () -> {
            if (f != null && !f.isDone()) {
                LOG.warn("{}: the stream did not close in time", config.jid());
                f.complete(null);
            }
        });
    }
}
