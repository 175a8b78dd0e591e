package io.usync.download;

/**
 * What a download did: files completed and skipped (already verified), bytes written (payload),
 * bytes skipped, articles fetched and articles that no server had intact.
 */
public record DownloadCounts(
        long filesCompleted, long filesSkipped, long bytesWritten, long bytesSkipped,
        long articlesFetched, long articlesMissing) {

    /** Validates that no count is negative. */
    public DownloadCounts {
        if (filesCompleted < 0 || filesSkipped < 0 || bytesWritten < 0 || bytesSkipped < 0
                || articlesFetched < 0 || articlesMissing < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    /** A record of nothing done yet. */
    public static DownloadCounts none() {
        return new DownloadCounts(0, 0, 0, 0, 0, 0);
    }
}
