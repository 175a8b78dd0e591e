package io.usync.nntp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram with logarithmic buckets (four per power of two, 1 µs to about
 * 68 s), precise to about 19%: enough for percentiles on a progress line.
 */
public final class LatencyHistogram {

    private static final int SUB = 4;
    private static final int BUCKETS = 26 * SUB + 1;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Records one latency. */
    public void record(long nanos) {
        counts.incrementAndGet(bucket(Math.max(0, nanos / 1000)));
    }

    private static int bucket(long micros) {
        if (micros < 1) {
            return 0;
        }
        int log = 63 - Long.numberOfLeadingZeros(micros);
        int frac = log >= 2 ? (int) ((micros >>> (log - 2)) & 3) : (int) ((micros << (2 - log)) & 3);
        return Math.min(BUCKETS - 1, 1 + log * SUB + frac);
    }

    private static long upperMicros(int bucket) {
        if (bucket == 0) {
            return 1;
        }
        int log = (bucket - 1) / SUB;
        int frac = (bucket - 1) % SUB;
        return (long) Math.ceil(Math.pow(2, log) * (1 + (frac + 1) / 4.0));
    }

    /** How many latencies were recorded. */
    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The latency at a percentile (0..100), rounded up to its bucket's bound; zero when empty. */
    public Duration percentile(double p) {
        long total = count();
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = Math.max(1, (long) Math.ceil(total * p / 100.0));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Duration.ofNanos(upperMicros(i) * 1000);
            }
        }
        return Duration.ofNanos(upperMicros(BUCKETS - 1) * 1000);
    }
}
