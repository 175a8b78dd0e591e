package io.usync.segmenter.read;

/**
 * Options of the blob readers: the article (segment) size, the span of one memory-mapped window
 * (rounded down to whole segments, at least one), and how many segment buffers (pack buffers, and
 * each file reader's copy buffers) are kept for reuse.
 */
public record ReaderOptions(int articleSize, long windowBytes, int pooledBuffers) {

    /** Validates the bounds. */
    public ReaderOptions {
        if (articleSize < 1 || windowBytes < 1 || pooledBuffers < 0) {
            throw new IllegalArgumentException("articleSize and windowBytes must be positive, pooledBuffers >= 0");
        }
    }

    /** 700 KiB articles, 32 MiB windows (bounded RSS), 32 pooled pack buffers. */
    public static ReaderOptions defaults() {
        return new ReaderOptions(716_800, 32L * 1024 * 1024, 32);
    }

    /** The window span in bytes: a whole number of segments, at least one. */
    long windowSpan() {
        return Math.max(1, windowBytes / articleSize) * articleSize;
    }
}
