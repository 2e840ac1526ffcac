package io.github.strophejna.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to reconnect after a connection was lost (never after {@link XmppClient#disconnect()} or an
 * authentication failure): exponential backoff with jitter. The same native connection is reused, so a
 * Stream Management session is resumed when the server allows it.
 *
 * @param initialDelay the first delay
 * @param maxDelay the largest delay
 * @param multiplier how much each failed attempt multiplies the delay
 * @param jitter the random part of each delay, 0 to 1 (0.2 means +/- 20 %)
 * @param maxAttempts attempts in a row before giving up; 0 for no limit
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter, int maxAttempts) {

    /** Never reconnect (the default). */
    public static final ReconnectPolicy NEVER = new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 1, 0, -1);

    /** @param initialDelay checked, and the rest */
    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (multiplier < 1 || jitter < 0 || jitter > 1 || maxAttempts < -1) {
            throw new IllegalArgumentException("invalid reconnect policy");
        }
    }

    /**
     * Exponential backoff: doubling from {@code initialDelay} up to {@code maxDelay}, 20 % jitter, no limit.
     *
     * @param initialDelay the first delay
     * @param maxDelay the largest delay
     * @return the policy
     */
    public static ReconnectPolicy exponential(Duration initialDelay, Duration maxDelay) {
        return new ReconnectPolicy(initialDelay, maxDelay, 2.0, 0.2, 0);
    }

    boolean enabled() {
        return maxAttempts >= 0;
    }

    long delayMillis(int attempt) {
        double base = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt));
        double capped = Math.min(base, maxDelay.toMillis());
        double factor = 1 + jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Math.max(0, Math.round(capped * factor));
    }
}
