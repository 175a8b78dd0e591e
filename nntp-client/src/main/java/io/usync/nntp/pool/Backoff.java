package io.usync.nntp.pool;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Jittered exponential backoff: the n-th consecutive failure waits {@code base * 2^(n-1)}, capped,
 * times a random factor in [0.5, 1.5) so many clients do not reconnect in step.
 *
 * @param base first delay
 * @param max  largest delay before jitter
 */
public record Backoff(Duration base, Duration max) {

    /** Validates the range. */
    public Backoff {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max");
        }
    }

    /** The delay after {@code failures} consecutive failures (at least 1). */
    public Duration delay(int failures) {
        int shift = Math.min(Math.max(failures, 1) - 1, 30);
        long nanos = Math.min(max.toNanos(), base.toNanos() << shift);
        if (nanos < 0) {
            nanos = max.toNanos();
        }
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble();
        return Duration.ofNanos((long) (nanos * jitter));
    }
}
