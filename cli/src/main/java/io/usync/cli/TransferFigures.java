package io.usync.cli;

import java.util.Locale;

/**
 * The figures of a progress log line: the share done, the rate since the previous line ("now")
 * and on average, and the time left at the rate now; and when the next line is due (every few
 * seconds). Thread-safe; times are passed in (no clock).
 */
final class TransferFigures {

    /** The time between two log lines. */
    static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private static final double MIB = 1024.0 * 1024.0;

    private final long startNanos;
    private long lastNanos;
    private long lastBytes;
    private long lastDue;

    /** Measures a transfer that started at {@code startNanos} ({@link System#nanoTime()}). */
    TransferFigures(long startNanos) {
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
        this.lastDue = startNanos;
    }

    /** Whether a log line is due at {@code nowNanos} (true at most once per {@value #LOG_EVERY_NANOS} ns). */
    synchronized boolean due(long nowNanos) {
        if (nowNanos - lastDue <= LOG_EVERY_NANOS) {
            return false;
        }
        lastDue = nowNanos;
        return true;
    }

    /**
     * The figures for {@code done} of {@code total} bytes (0 or less: unknown, no percentage and no
     * ETA) at {@code nowNanos}, such as {@code 42% 120.0 of 286.0 MiB, 23.1 MiB/s now, 20.5 average,
     * ETA 0:07}; the next call's rate now is measured from this one.
     */
    synchronized String line(long done, long total, long nowNanos) {
        double now = mibPerSecond(done - lastBytes, nowNanos - lastNanos);
        double average = mibPerSecond(done, nowNanos - startNanos);
        lastNanos = nowNanos;
        lastBytes = done;
        StringBuilder line = new StringBuilder();
        if (total > 0) {
            line.append(String.format(Locale.ROOT, "%d%% %.1f of %.1f MiB", Math.min(100, done * 100 / total),
                    done / MIB, total / MIB));
        } else {
            line.append(String.format(Locale.ROOT, "%.1f MiB", done / MIB));
        }
        line.append(String.format(Locale.ROOT, ", %.1f MiB/s now, %.1f average", now, average));
        double rate = now > 0 ? now : average;
        if (total > done && rate > 0) {
            line.append(", ETA ").append(duration(Math.round((total - done) / MIB / rate)));
        }
        return line.toString();
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return Math.max(0, bytes) / MIB / Math.max(nanos / 1e9, 1e-3);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
