package io.usync.download;

import io.usync.core.crypto.MessageIds;
import io.usync.download.plan.UsableSpace;
import java.time.Duration;

/**
 * Bounds and switches of a download.
 *
 * @param inFlightArticles articles requested but not yet written; memory is about this times the
 *     article size (twice, for the decoded and the opened copy)
 * @param maxSegmentBytes the largest decoded or opened segment accepted (bounds decompression)
 * @param stateFlushSegments completed segments recorded before the resume log is synced
 * @param stateFlushInterval the longest time completed segments wait before the log is synced
 * @param syncData whether part files and committed files are synced before the resume log records
 *        their segments and verification
 * @param freeSpaceReserveBytes free space kept in reserve beyond what the plan needs
 * @param maxProbeVersion the highest manifest version probed when none is given
 * @param writerThreads threads that write, verify and unpack (disk work off the I/O threads)
 * @param messageIdDomain the domain of the share's derived Message-IDs (the uploader's)
 * @param manifestWindow manifest pages fetched at a time
 * @param faultRetries times an article is tried again after a fault (no server reachable), not a miss
 * @param faultRetryDelay the wait before the first such retry (doubling after each)
 * @param maxBufferedBytes decode buffers of articles in flight (received, or decoded and waiting
 *     for a writer) are held to about this many bytes, whatever {@code inFlightArticles} allows
 * @param nzbPlanSegments an NZB of at most this many segments is read once and planned from memory;
 *     a larger one is read again for each planning step (memory stays bounded)
 * @param usableSpace where the free-space check reads the target file system's usable bytes
 *     ({@link UsableSpace#FILE_STORE}; tests give a figure)
 */
public record DownloadOptions(
        int inFlightArticles,
        int maxSegmentBytes,
        int stateFlushSegments,
        Duration stateFlushInterval,
        boolean syncData,
        long freeSpaceReserveBytes,
        int maxProbeVersion,
        int writerThreads,
        String messageIdDomain,
        int manifestWindow,
        int faultRetries,
        Duration faultRetryDelay,
        long maxBufferedBytes,
        int nzbPlanSegments,
        UsableSpace usableSpace) {

    /** Validates every bound. */
    public DownloadOptions {
        if (inFlightArticles < 1 || maxSegmentBytes < 1024 || stateFlushSegments < 1
                || stateFlushInterval == null || stateFlushInterval.isNegative()
                || freeSpaceReserveBytes < 0 || maxProbeVersion < 1 || writerThreads < 1
                || messageIdDomain == null || messageIdDomain.isBlank() || manifestWindow < 1
                || faultRetries < 0 || faultRetryDelay == null || faultRetryDelay.isNegative()
                || maxBufferedBytes < maxSegmentBytes || nzbPlanSegments < 0 || usableSpace == null) {
            throw new IllegalArgumentException("invalid download options");
        }
    }

    /**
     * Defaults: 48 articles in flight, 32 MiB of decode buffers, 8 MiB article cap, log synced every 512 segments or 2 s, two
     * writer threads per core (at least four: small files spend their time in file-system calls),
     * the uploader's default Message-ID domain, NZBs of up to 100,000 segments (about 15 MB of plan)
     * read once.
     */
    public static DownloadOptions defaults() {
        return new DownloadOptions(48, 8 << 20, 512, Duration.ofSeconds(2), true, 64L << 20,
                1 << 24, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), MessageIds.DEFAULT_DOMAIN, 16, 3,
                Duration.ofSeconds(2), 32L << 20, 100_000, UsableSpace.FILE_STORE);
    }

    /** A copy with another in-flight bound. */
    public DownloadOptions withInFlightArticles(int articles) {
        return new DownloadOptions(articles, maxSegmentBytes, stateFlushSegments, stateFlushInterval,
                syncData, freeSpaceReserveBytes, maxProbeVersion, writerThreads, messageIdDomain, manifestWindow, faultRetries, faultRetryDelay, maxBufferedBytes, nzbPlanSegments, usableSpace);
    }

    /** A copy with another Message-ID domain. */
    public DownloadOptions withMessageIdDomain(String domain) {
        return new DownloadOptions(inFlightArticles, maxSegmentBytes, stateFlushSegments, stateFlushInterval,
                syncData, freeSpaceReserveBytes, maxProbeVersion, writerThreads, domain, manifestWindow, faultRetries, faultRetryDelay, maxBufferedBytes, nzbPlanSegments, usableSpace);
    }

    /** A copy with another fault retry bound and first delay. */
    public DownloadOptions withFaultRetries(int retries, Duration delay) {
        return new DownloadOptions(inFlightArticles, maxSegmentBytes, stateFlushSegments, stateFlushInterval,
                syncData, freeSpaceReserveBytes, maxProbeVersion, writerThreads, messageIdDomain, manifestWindow,
                retries, delay, maxBufferedBytes, nzbPlanSegments, usableSpace);
    }

    /** A copy that does or does not sync data before recording progress. */
    public DownloadOptions withSyncData(boolean sync) {
        return new DownloadOptions(inFlightArticles, maxSegmentBytes, stateFlushSegments, stateFlushInterval,
                sync, freeSpaceReserveBytes, maxProbeVersion, writerThreads, messageIdDomain, manifestWindow, faultRetries, faultRetryDelay, maxBufferedBytes, nzbPlanSegments, usableSpace);
    }

    /** A copy with another bound on buffered decode bytes. */
    public DownloadOptions withMaxBufferedBytes(long bytes) {
        return new DownloadOptions(inFlightArticles, maxSegmentBytes, stateFlushSegments, stateFlushInterval,
                syncData, freeSpaceReserveBytes, maxProbeVersion, writerThreads, messageIdDomain, manifestWindow,
                faultRetries, faultRetryDelay, bytes, nzbPlanSegments, usableSpace);
    }

    /** A copy that plans NZBs of up to {@code segments} segments from memory (0: always stream). */
    public DownloadOptions withNzbPlanSegments(int segments) {
        return new DownloadOptions(inFlightArticles, maxSegmentBytes, stateFlushSegments, stateFlushInterval,
                syncData, freeSpaceReserveBytes, maxProbeVersion, writerThreads, messageIdDomain, manifestWindow,
                faultRetries, faultRetryDelay, maxBufferedBytes, segments, usableSpace);
    }

    /** A copy whose free-space check reads usable bytes from {@code space}. */
    public DownloadOptions withUsableSpace(UsableSpace space) {
        return new DownloadOptions(inFlightArticles, maxSegmentBytes, stateFlushSegments, stateFlushInterval,
                syncData, freeSpaceReserveBytes, maxProbeVersion, writerThreads, messageIdDomain, manifestWindow,
                faultRetries, faultRetryDelay, maxBufferedBytes, nzbPlanSegments, space);
    }
}
