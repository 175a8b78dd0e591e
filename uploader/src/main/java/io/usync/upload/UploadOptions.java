package io.usync.upload;

import io.usync.core.TerminalText;
import io.usync.core.crypto.MessageIds;
import java.time.Duration;
import java.util.List;

/**
 * Every bound of an upload: article size and yEnc line length, the in-flight article budget (the
 * memory budget is {@code inFlightArticles x articleSize}), encoder threads, retry and re-post
 * bounds, the delay before the STAT check, where articles go (newsgroups, From in plain mode,
 * Message-ID domain), compression, small-file packing, the index write batch size, and how long
 * posting waits in total, without using up its rounds, while no post server takes articles (every
 * circuit open or every pool full) before it gives up on them.
 */
public record UploadOptions(int articleSize, int lineLength, int inFlightArticles, int encoderThreads,
        int maxPostRounds, int maxAttempts, Duration postCheckDelay, int checkInFlight, List<String> newsgroups,
        String plainFrom, String messageIdDomain, boolean compress, double compressMinSaving,
        long packFileMaxSize, long packTargetSize, int indexBatchRows, boolean allowPartial,
        Duration unavailableWait) {

    /** Validates every bound. */
    public UploadOptions {
        if (articleSize < 1024 || articleSize > 4 * 1024 * 1024) {
            throw new IllegalArgumentException("article size must be 1 KiB..4 MiB, was " + articleSize);
        }
        if (lineLength < 16 || lineLength > 997 || inFlightArticles < 1 || encoderThreads < 1 || maxPostRounds < 1
                || maxAttempts < 1 || checkInFlight < 1 || indexBatchRows < 1) {
            throw new IllegalArgumentException("upload bounds must be positive (line length 16..997)");
        }
        if (postCheckDelay == null || postCheckDelay.isNegative()) {
            throw new IllegalArgumentException("post check delay must be zero or positive");
        }
        if (unavailableWait == null || unavailableWait.isNegative()) {
            throw new IllegalArgumentException("the wait for an unavailable server must be zero or positive");
        }
        newsgroups = List.copyOf(newsgroups);
        if (newsgroups.isEmpty()) {
            throw new IllegalArgumentException("at least one newsgroup is required");
        }
        for (String group : newsgroups) {
            if (!group.matches("[A-Za-z0-9][A-Za-z0-9.+_-]*")) {
                throw new IllegalArgumentException("bad newsgroup name: " + TerminalText.printable(group));
            }
        }
        if (plainFrom == null || plainFrom.isBlank() || plainFrom.matches("(?s).*[\\r\\n].*")) {
            throw new IllegalArgumentException("plain-mode From must be one non-empty line");
        }
        if (messageIdDomain == null || messageIdDomain.isBlank()) {
            throw new IllegalArgumentException("a Message-ID domain is required");
        }
        if (compressMinSaving < 0 || compressMinSaving >= 1) {
            throw new IllegalArgumentException("compressMinSaving must be in [0, 1)");
        }
        if (packFileMaxSize < 0 || packTargetSize < 1) {
            throw new IllegalArgumentException("pack sizes must be positive");
        }
    }

    /** 700 KiB articles, 128-character lines, 64 articles in flight, one encoder per core. */
    public static UploadOptions defaults() {
        return new UploadOptions(716_800, 128, 64, Math.max(1, Runtime.getRuntime().availableProcessors()), 3, 4,
                Duration.ofSeconds(2), 32, List.of("alt.binaries.test"), "poster <poster@example.invalid>",
                MessageIds.DEFAULT_DOMAIN, true, 0.05, 256 * 1024, 32L * 1024 * 1024, 5000, false, Duration.ofMinutes(2));
    }

    /** A copy with other newsgroups. */
    public UploadOptions withNewsgroups(List<String> groups) {
        return new UploadOptions(articleSize, lineLength, inFlightArticles, encoderThreads, maxPostRounds, maxAttempts,
                postCheckDelay, checkInFlight, groups, plainFrom, messageIdDomain, compress, compressMinSaving,
                packFileMaxSize, packTargetSize, indexBatchRows, allowPartial, unavailableWait);
    }

    /** A copy with another in-flight article budget. */
    public UploadOptions withInFlightArticles(int inFlight) {
        return new UploadOptions(articleSize, lineLength, inFlight, encoderThreads, maxPostRounds, maxAttempts,
                postCheckDelay, checkInFlight, newsgroups, plainFrom, messageIdDomain, compress, compressMinSaving,
                packFileMaxSize, packTargetSize, indexBatchRows, allowPartial, unavailableWait);
    }

    /** A copy with another check delay. */
    public UploadOptions withPostCheckDelay(Duration delay) {
        return new UploadOptions(articleSize, lineLength, inFlightArticles, encoderThreads, maxPostRounds, maxAttempts,
                delay, checkInFlight, newsgroups, plainFrom, messageIdDomain, compress, compressMinSaving,
                packFileMaxSize, packTargetSize, indexBatchRows, allowPartial, unavailableWait);
    }

    /** A copy that publishes even when some segments could not be verified. */
    public UploadOptions withAllowPartial(boolean allow) {
        return new UploadOptions(articleSize, lineLength, inFlightArticles, encoderThreads, maxPostRounds, maxAttempts,
                postCheckDelay, checkInFlight, newsgroups, plainFrom, messageIdDomain, compress, compressMinSaving,
                packFileMaxSize, packTargetSize, indexBatchRows, allow, unavailableWait);
    }

    /** A copy with another article size. */
    public UploadOptions withArticleSize(int size) {
        return new UploadOptions(size, lineLength, inFlightArticles, encoderThreads, maxPostRounds, maxAttempts,
                postCheckDelay, checkInFlight, newsgroups, plainFrom, messageIdDomain, compress, compressMinSaving,
                packFileMaxSize, packTargetSize, indexBatchRows, allowPartial, unavailableWait);
    }

    /** A copy with another total wait for a post server that is unavailable for now (open circuit). */
    public UploadOptions withUnavailableWait(Duration wait) {
        return new UploadOptions(articleSize, lineLength, inFlightArticles, encoderThreads, maxPostRounds, maxAttempts,
                postCheckDelay, checkInFlight, newsgroups, plainFrom, messageIdDomain, compress, compressMinSaving,
                packFileMaxSize, packTargetSize, indexBatchRows, allowPartial, wait);
    }
}
