package io.usync.nntp;

import java.time.Duration;

/**
 * Bounds of one server's connection pool (names as in reactor-netty).
 *
 * @param maxConnections         connections open at most
 * @param pendingAcquireMaxCount callers waiting for a connection at most
 * @param pendingAcquireTimeout  longest wait for a connection
 * @param maxIdleTime            an idle connection older than this is closed
 * @param maxLifeTime            a connection older than this is retired when idle
 * @param healthCheckAfterIdle   a connection idle this long answers DATE before reuse
 * @param backoffBase            first delay after a failed connect (doubles, jittered)
 * @param backoffMax             largest delay between connect attempts
 * @param shrinkHold             how long a "too many connections" cap stays before growing again
 */
public record NntpPoolOptions(int maxConnections, int pendingAcquireMaxCount, Duration pendingAcquireTimeout,
        Duration maxIdleTime, Duration maxLifeTime, Duration healthCheckAfterIdle, Duration backoffBase,
        Duration backoffMax, Duration shrinkHold) {

    /** Validates every bound. */
    public NntpPoolOptions {
        if (maxConnections < 1 || maxConnections > 1024) {
            throw new IllegalArgumentException("maxConnections must be 1..1024");
        }
        if (pendingAcquireMaxCount < 0) {
            throw new IllegalArgumentException("pendingAcquireMaxCount must be >= 0");
        }
        for (Duration d : new Duration[] {pendingAcquireTimeout, maxIdleTime, maxLifeTime, healthCheckAfterIdle,
                backoffBase, backoffMax, shrinkHold}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("NNTP pool durations must be positive");
            }
        }
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffMax must be >= backoffBase");
        }
    }

    /** 8 connections, 10,000 waiters for 60 s, 5 min idle, 1 h life, DATE after 30 s idle, 250 ms..30 s backoff. */
    public static NntpPoolOptions defaults() {
        return new NntpPoolOptions(8, 10_000, Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofHours(1),
                Duration.ofSeconds(30), Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    /** A copy with another connection limit. */
    public NntpPoolOptions withMaxConnections(int n) {
        return new NntpPoolOptions(n, pendingAcquireMaxCount, pendingAcquireTimeout, maxIdleTime, maxLifeTime,
                healthCheckAfterIdle, backoffBase, backoffMax, shrinkHold);
    }

    /** A copy with another pending bound and timeout. */
    public NntpPoolOptions withPendingAcquire(int maxCount, Duration timeout) {
        return new NntpPoolOptions(maxConnections, maxCount, timeout, maxIdleTime, maxLifeTime,
                healthCheckAfterIdle, backoffBase, backoffMax, shrinkHold);
    }

    /** A copy with other idle, life and health-check ages. */
    public NntpPoolOptions withAges(Duration maxIdle, Duration maxLife, Duration checkAfterIdle) {
        return new NntpPoolOptions(maxConnections, pendingAcquireMaxCount, pendingAcquireTimeout, maxIdle, maxLife,
                checkAfterIdle, backoffBase, backoffMax, shrinkHold);
    }

    /** A copy with another backoff range. */
    public NntpPoolOptions withBackoff(Duration base, Duration max) {
        return new NntpPoolOptions(maxConnections, pendingAcquireMaxCount, pendingAcquireTimeout, maxIdleTime,
                maxLifeTime, healthCheckAfterIdle, base, max, shrinkHold);
    }
}
