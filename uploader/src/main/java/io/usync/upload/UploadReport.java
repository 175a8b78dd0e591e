package io.usync.upload;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What an upload did: the share id text (or the NZB path in plain mode) when something was
 * published, the version, files and bytes in the version, articles posted and re-posted, segments
 * that could not be verified, the wall time and the outcome.
 */
public record UploadReport(Optional<String> shareId, int version, long files, long bytes, long articlesPosted,
        long reposts, long failures, Duration duration, UploadOutcome outcome, List<String> problems) {

    /** Validates counts. */
    public UploadReport {
        if (shareId == null || duration == null || outcome == null) {
            throw new IllegalArgumentException("shareId, duration and outcome are required");
        }
        if (files < 0 || bytes < 0 || articlesPosted < 0 || reposts < 0 || failures < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        problems = List.copyOf(problems);
    }

    /** Average throughput of the version's bytes over the wall time, in bytes per second. */
    public double bytesPerSecond() {
        double seconds = Math.max(duration.toNanos(), 1) / 1e9;
        return bytes / seconds;
    }

    @Override
    public String toString() {
        return "UploadReport[v" + version + ", " + files + " files, " + bytes + " bytes, " + articlesPosted
                + " articles, " + reposts + " re-posts, " + failures + " failures, " + outcome + "]";
    }
}
