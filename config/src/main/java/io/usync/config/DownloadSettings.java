package io.usync.config;

import java.time.Duration;

/** Download defaults: commands pipelined per connection, articles in flight (the memory budget), retries and timeouts. */
public record DownloadSettings(int pipelineDepth, int inFlightArticles, int retries, Duration connectTimeout,
        Duration readTimeout) {

    /** Validates the bounds. */
    public DownloadSettings {
        if (pipelineDepth < 1 || inFlightArticles < 1 || retries < 0 || connectTimeout == null || readTimeout == null
                || connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("download settings out of range");
        }
    }

    /** Depth 16, 128 articles in flight, 3 retries, 15 s connect and 60 s read timeouts. */
    public static DownloadSettings defaults() {
        return new DownloadSettings(16, 128, 3, Duration.ofSeconds(15), Duration.ofSeconds(60));
    }
}
