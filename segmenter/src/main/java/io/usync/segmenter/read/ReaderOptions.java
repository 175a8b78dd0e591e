package io.usync.segmenter.read;

/**
 * Options of the blob readers: the article (segment) size, the span of one memory-mapped window
 * (rounded down to whole segments, at least one), how many segment buffers (pack buffers, and each
 * file reader's copy buffers) are kept for reuse, and how many segment copies of a file may wait
 * for its SHA-256 (computed on a thread of its own, so the reader runs at most that far ahead of the
 * hash: a file reader holds at most {@code hashQueue + 2} buffers besides the slices not yet closed).
 */
public record ReaderOptions(int articleSize, long windowBytes, int pooledBuffers, int hashQueue) {

    /** Validates the bounds. */
    public ReaderOptions {
        if (articleSize < 1 || windowBytes < 1 || pooledBuffers < 0 || hashQueue < 1) {
            throw new IllegalArgumentException("articleSize, windowBytes and hashQueue must be positive, pooledBuffers >= 0");
        }
    }

    /** The given sizes with the default hash queue of {@value #DEFAULT_HASH_QUEUE} copies. */
    public ReaderOptions(int articleSize, long windowBytes, int pooledBuffers) {
        this(articleSize, windowBytes, pooledBuffers, DEFAULT_HASH_QUEUE);
    }

    /** How many copies may wait for the SHA-256 by default. */
    public static final int DEFAULT_HASH_QUEUE = 4;

    /** 700 KiB articles, 32 MiB windows (bounded RSS), 32 pooled pack buffers, 4 copies waiting for the hash. */
    public static ReaderOptions defaults() {
        return new ReaderOptions(716_800, 32L * 1024 * 1024, 32);
    }

    /** The window span in bytes: a whole number of segments, at least one. */
    long windowSpan() {
        return Math.max(1, windowBytes / articleSize) * articleSize;
    }
}
