package io.usync.download;

import java.time.Duration;
import java.util.List;

/**
 * What {@code usync verify} found: the manifest version checked, how many articles the share has
 * (header, pages and segments), each server's availability, and how many articles no server has.
 */
public record VerifyReport(int version, long articles, List<ServerAvailability> servers, long missingEverywhere,
        Duration duration) {

    /** Copies the list and validates the counts. */
    public VerifyReport {
        servers = List.copyOf(servers);
        if (version < 1 || articles < 0 || missingEverywhere < 0 || duration == null) {
            throw new IllegalArgumentException("bad verify report");
        }
    }

    /** One server's answer: articles found, missing, and those whose check failed. */
    public record ServerAvailability(String server, long found, long missing, long errors) {

        /** The share of articles found, 0..100. */
        public double percentFound() {
            long total = found + missing + errors;
            return total == 0 ? 100 : found * 100.0 / total;
        }
    }
}
