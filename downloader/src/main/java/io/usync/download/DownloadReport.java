package io.usync.download;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The result of one download: its outcome, the files that could not be completed, the names that
 * were refused, how many files and bytes were written or skipped, and how long it took.
 */
public record DownloadReport(
        DownloadOutcome outcome,
        List<MissingFile> missingFiles,
        List<RejectedName> rejectedNames,
        DownloadCounts counts,
        Duration duration,
        Optional<String> failure) {

    /** Copies the lists and validates that every field is present. */
    public DownloadReport {
        if (outcome == null || counts == null || duration == null || failure == null) {
            throw new IllegalArgumentException("outcome, counts, duration and failure are required");
        }
        missingFiles = List.copyOf(missingFiles);
        rejectedNames = List.copyOf(rejectedNames);
    }

    /** A report for a download that failed before or while running, with a one-line reason. */
    public static DownloadReport failed(String reason, DownloadCounts counts, Duration duration) {
        return new DownloadReport(DownloadOutcome.FAILED, List.of(), List.of(), counts, duration,
                Optional.of(reason));
    }

    /** Bytes written per second over the whole download (0 when nothing took measurable time). */
    public double throughputBytesPerSecond() {
        long nanos = duration.toNanos();
        return nanos <= 0 ? 0 : counts.bytesWritten() * 1e9 / nanos;
    }
}
