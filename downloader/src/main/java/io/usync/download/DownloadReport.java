package io.usync.download;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The result of one download: its outcome, the files that could not be completed, the names that
 * were refused, how many files and bytes were written or skipped, how long it took, and for a
 * failed download the kind of failure ({@link #cause()}) and its one-line reason ({@link #failure()}).
 */
public record DownloadReport(
        DownloadOutcome outcome,
        List<MissingFile> missingFiles,
        List<RejectedName> rejectedNames,
        DownloadCounts counts,
        Duration duration,
        Optional<DownloadFailure> cause) {

    /** Copies the lists and validates that every field is present. */
    public DownloadReport {
        if (outcome == null || counts == null || duration == null || cause == null
                || cause.isPresent() != (outcome == DownloadOutcome.FAILED)) {
            throw new IllegalArgumentException("outcome, counts and duration are required, and a cause exactly "
                    + "when the download failed");
        }
        missingFiles = List.copyOf(missingFiles);
        rejectedNames = List.copyOf(rejectedNames);
    }

    /** A report for a download that failed before or while running, with its kind and one-line reason. */
    public static DownloadReport failed(DownloadFailure cause, DownloadCounts counts, Duration duration) {
        return new DownloadReport(DownloadOutcome.FAILED, List.of(), List.of(), counts, duration,
                Optional.of(cause));
    }

    /** The one-line reason of a failed download (empty unless the outcome is FAILED). */
    public Optional<String> failure() {
        return cause.map(DownloadFailure::reason);
    }

    /** Bytes written per second over the whole download (0 when nothing took measurable time). */
    public double throughputBytesPerSecond() {
        long nanos = duration.toNanos();
        return nanos <= 0 ? 0 : counts.bytesWritten() * 1e9 / nanos;
    }
}
