package io.usync.config;

import java.time.Duration;

/**
 * Upload defaults: raw bytes per article, yEnc line length, articles in flight (the memory budget),
 * post retries, the delayed post-check, and compression (used only when it saves enough).
 */
public record UploadSettings(int articleSize, int lineLength, int inFlightArticles, int retries,
        Duration postCheckDelay, int postCheckRetries, boolean compression, double compressionMinSaving) {

    /** Validates the bounds. */
    public UploadSettings {
        if (articleSize < 1 || lineLength < 1 || inFlightArticles < 1 || retries < 0 || postCheckDelay == null
                || postCheckDelay.isNegative() || postCheckRetries < 0
                || !(compressionMinSaving >= 0 && compressionMinSaving < 1)) {
            throw new IllegalArgumentException("upload settings out of range");
        }
    }

    /** 716,800-byte articles, 128-character lines, 64 in flight, 5 retries, check after 30 s with 3 retries, compression saving at least 5%. */
    public static UploadSettings defaults() {
        return new UploadSettings(716_800, 128, 64, 5, Duration.ofSeconds(30), 3, true, 0.05);
    }
}
