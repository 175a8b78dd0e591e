package io.usync.segmenter.compress;

/**
 * Options of {@link SegmentCompressor}: the zstd level, the least fraction of bytes compression
 * must save to be used, and the largest content and window sizes a frame may declare on decompression.
 */
public record CompressorOptions(int level, double minSaving, int maxContentBytes, long maxWindowBytes) {

    /** Validates the bounds. */
    public CompressorOptions {
        if (level < 1 || level > 22 || !(minSaving >= 0 && minSaving < 1) || maxContentBytes < 1 || maxWindowBytes < 1024) {
            throw new IllegalArgumentException("zstd level 1..22, minSaving in [0,1), positive bounds");
        }
    }

    /** Level 3, at least 5% saved, frames up to 16 MiB content and 8 MiB window. */
    public static CompressorOptions defaults() {
        return new CompressorOptions(3, 0.05, 16 * 1024 * 1024, 8L * 1024 * 1024);
    }
}
