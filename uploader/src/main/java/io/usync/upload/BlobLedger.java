package io.usync.upload;

import io.usync.core.manifest.BlobKey;
import java.util.Arrays;
import java.util.Optional;

/**
 * The per-segment state of one blob during an upload: state, attempt number (changes the derived
 * Message-ID) and the server that accepted it (the check prefers another). Compact arrays, so a
 * blob of thousands of segments costs a few bytes per segment. Thread-safe (synchronized).
 */
final class BlobLedger {

    private final BlobKey key;
    private final int originVersion;
    private final SegmentState[] states;
    private final int[] attempts;
    private final String[] servers;
    private final int[] tries;

    /** A ledger with every segment pending at attempt 0. */
    BlobLedger(BlobKey key, int originVersion, int segmentCount) {
        this.key = key;
        this.originVersion = originVersion;
        this.states = new SegmentState[segmentCount];
        Arrays.fill(states, SegmentState.PENDING);
        this.attempts = new int[segmentCount];
        this.servers = new String[segmentCount];
        this.tries = new int[segmentCount];
    }

    BlobKey key() {
        return key;
    }

    int originVersion() {
        return originVersion;
    }

    int segmentCount() {
        return states.length;
    }

    synchronized SegmentState state(int segment) {
        return states[segment];
    }

    synchronized int attempt(int segment) {
        return attempts[segment];
    }

    synchronized Optional<String> server(int segment) {
        return Optional.ofNullable(servers[segment]);
    }

    /** Restores a segment's state from the index (resume). */
    synchronized void restore(int segment, SegmentState state, int attempt, String server) {
        states[segment] = state;
        attempts[segment] = attempt;
        servers[segment] = server.isEmpty() ? null : server;
    }

    synchronized boolean needsPost(int segment) {
        return states[segment] == SegmentState.PENDING;
    }

    synchronized boolean anyPending() {
        for (SegmentState s : states) {
            if (s == SegmentState.PENDING) {
                return true;
            }
        }
        return false;
    }

    synchronized boolean allVerified() {
        for (SegmentState s : states) {
            if (s != SegmentState.VERIFIED) {
                return false;
            }
        }
        return true;
    }

    synchronized int count(SegmentState state) {
        int n = 0;
        for (SegmentState s : states) {
            if (s == state) {
                n++;
            }
        }
        return n;
    }

    /** Records that a post of the segment was tried, returning how many tries it has had. */
    synchronized int tried(int segment) {
        return ++tries[segment];
    }

    /** Takes back a try that no server could take (unavailable for now), so it does not count. */
    synchronized void untried(int segment) {
        if (tries[segment] > 0) {
            tries[segment]--;
        }
    }

    synchronized int tries(int segment) {
        return tries[segment];
    }

    synchronized void posted(int segment, String server) {
        states[segment] = SegmentState.POSTED;
        servers[segment] = server;
    }

    synchronized void verified(int segment) {
        states[segment] = SegmentState.VERIFIED;
    }

    synchronized void pending(int segment) {
        states[segment] = SegmentState.PENDING;
    }

    synchronized void failed(int segment) {
        states[segment] = SegmentState.FAILED;
    }

    /** Moves the segment to the next attempt number (a new Message-ID) and marks it pending. */
    synchronized int nextAttempt(int segment) {
        states[segment] = SegmentState.PENDING;
        servers[segment] = null;
        return ++attempts[segment];
    }
}
