package io.usync.nntp;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Metrics built from client events: connections opened vs reused (reuse rate), bytes in and out,
 * replies per code, command latency percentiles, and errors by kind. Thread-safe and lock-free.
 */
public final class NntpMetrics implements NntpEventListener {

    /**
     * A point-in-time copy of the metrics.
     *
     * @param connectionsOpened connections opened
     * @param acquires          leases handed out
     * @param reused            leases on a connection that had served before
     * @param bytesIn           reply bytes received
     * @param bytesOut          command and article bytes sent
     * @param codes             replies per status code
     * @param errors            faults per exception kind
     * @param p50               median command latency
     * @param p99               99th percentile command latency
     * @param evictions         connections closed by the pool
     */
    public record Snapshot(long connectionsOpened, long acquires, long reused, long bytesIn, long bytesOut,
            Map<Integer, Long> codes, Map<String, Long> errors, Duration p50, Duration p99, long evictions) {

        /** Copies the maps. */
        public Snapshot {
            codes = Map.copyOf(codes);
            errors = Map.copyOf(errors);
        }

        /** The share of leases that reused a connection (0..1). */
        public double reuseRate() {
            return acquires == 0 ? 0 : (double) reused / acquires;
        }
    }

    private final LongAdder opened = new LongAdder();
    private final LongAdder acquires = new LongAdder();
    private final LongAdder reused = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> codes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LatencyHistogram latency = new LatencyHistogram();

    @Override
    public void onConnect(String server, Duration elapsed) {
        opened.increment();
    }

    @Override
    public void onConnectFailed(String server, NntpException cause) {
        errors.computeIfAbsent(cause.getClass().getSimpleName(), k -> new LongAdder()).increment();
    }

    @Override
    public void onAcquire(String server, boolean wasReused) {
        acquires.increment();
        if (wasReused) {
            reused.increment();
        }
    }

    @Override
    public void onCommandEnd(String server, String verb, int code, long in, long out, long nanos) {
        bytesIn.add(in);
        bytesOut.add(out);
        codes.computeIfAbsent(code, k -> new LongAdder()).increment();
        latency.record(nanos);
    }

    @Override
    public void onCommandFailed(String server, String verb, NntpException cause) {
        errors.computeIfAbsent(cause.getClass().getSimpleName(), k -> new LongAdder()).increment();
    }

    @Override
    public void onEviction(String server, String reason) {
        evictions.increment();
    }

    /** Copies the current values. */
    public Snapshot snapshot() {
        Map<Integer, Long> codeCounts = new TreeMap<>();
        codes.forEach((k, v) -> codeCounts.put(k, v.sum()));
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        return new Snapshot(opened.sum(), acquires.sum(), reused.sum(), bytesIn.sum(), bytesOut.sum(), codeCounts,
                errorCounts, latency.percentile(50), latency.percentile(99), evictions.sum());
    }
}
