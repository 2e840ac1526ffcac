package io.github.strophejna.client;

/**
 * The liveness check of a ready session: when nothing arrived for the idle time, one server round trip; no
 * answer within the ping timeout means the connection is half-open or the server stalled (TCP keepalive
 * cannot tell: a proxy or a hung server still acknowledges at TCP level), and the connection is aborted so
 * the reconnect policy can act. Costs one timer per idle period, nothing while traffic flows. Loop thread.
 */
final class Liveness {

    private final ClientConnection connection;
    private final ClientConfig config;
    private final EventLoop loop;
    private long lastInboundNanos;

    Liveness(ClientConnection connection, ClientConfig config, EventLoop loop) {
        this.connection = connection;
        this.config = config;
        this.loop = loop;
    }

    /** Something arrived. */
    void heard() {
        lastInboundNanos = System.nanoTime();
    }

    /** @return when something last arrived (System.nanoTime) */
    long lastHeardNanos() {
        return lastInboundNanos;
    }

    /** A session is ready: watch it, when configured and possible. */
    void sessionStarted(int attempt, boolean canPing) {
        lastInboundNanos = System.nanoTime();
        if (canPing && !config.pingWhenIdle().isZero()) {
            watch(attempt, config.pingWhenIdle().toMillis());
        }
    }

    private boolean stillThatSession(int attempt) {
        return connection.lifecycle().attempt() == attempt && connection.lifecycle().is(SessionLifecycle.Phase.READY);
    }

    private void watch(int attempt, long delayMillis) {
        loop.schedule(delayMillis, () -> {
            if (!stillThatSession(attempt)) {
                return; // that session is over; the next one starts its own watch
            }
            long idle = config.pingWhenIdle().toMillis();
            long silent = (System.nanoTime() - lastInboundNanos) / 1_000_000;
            if (silent < idle) {
                watch(attempt, idle - silent);
                return;
            }
            long timeout = config.pingTimeout().toMillis();
            connection.outbound().roundTrip(timeout, true).whenComplete((r, e) -> {
                if (!stillThatSession(attempt)) {
                    return;
                }
                if (e instanceof XmppTimeoutException) {
                    connection.abort(new ConnectionException("no answer from " + connection.target() + " within " + timeout
                            + " ms of a ping after " + silent + " ms of silence: the connection is considered lost"));
                } else {
                    watch(attempt, idle); // any answer, even an error, shows the server is there
                }
            });
        });
    }
}
