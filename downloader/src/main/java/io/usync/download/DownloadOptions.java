package io.usync.download;

import java.time.Duration;

/**
 * Bounds and switches of a download.
 *
 * @param inFlightArticles articles requested but not yet written; memory is about this times the
 *     article size (twice, for the decoded and the opened copy)
 * @param maxSegmentBytes the largest decoded or opened segment accepted (bounds decompression)
 * @param stateFlushSegments completed segments recorded before the resume log is synced
 * @param stateFlushInterval the longest time completed segments wait before the log is synced
 * @param syncData whether part files are synced before the resume log records their segments
 * @param freeSpaceReserveBytes free space kept in reserve beyond what the plan needs
 * @param maxProbeVersion the highest manifest version probed when none is given
 * @param writerThreads threads that write, verify and unpack (disk work off the I/O threads)
 */
public record DownloadOptions(
        int inFlightArticles,
        int maxSegmentBytes,
        int stateFlushSegments,
        Duration stateFlushInterval,
        boolean syncData,
        long freeSpaceReserveBytes,
        int maxProbeVersion,
        int writerThreads) {

    /** Validates every bound. */
    public DownloadOptions {
        if (inFlightArticles < 1 || maxSegmentBytes < 1024 || stateFlushSegments < 1
                || stateFlushInterval == null || stateFlushInterval.isNegative()
                || freeSpaceReserveBytes < 0 || maxProbeVersion < 1 || writerThreads < 1) {
            throw new IllegalArgumentException("invalid download options");
        }
    }

    /** Defaults: 48 articles in flight, 8 MiB segment cap, log synced every 512 segments or 2 s. */
    public static DownloadOptions defaults() {
        return new DownloadOptions(48, 8 << 20, 512, Duration.ofSeconds(2), true, 64L << 20,
                1 << 24, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /** A copy with another in-flight bound. */
    public DownloadOptions withInFlightArticles(int articles) {
        return new DownloadOptions(articles, maxSegmentBytes, stateFlushSegments, stateFlushInterval,
                syncData, freeSpaceReserveBytes, maxProbeVersion, writerThreads);
    }
}
