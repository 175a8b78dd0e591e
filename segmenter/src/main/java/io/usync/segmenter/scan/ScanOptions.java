package io.usync.segmenter.scan;

/** Options of {@link DirectoryScanner}: the deepest directory level walked and the longest relative path kept (UTF-8 bytes). */
public record ScanOptions(int maxDepth, int maxPathBytes) {

    /** Validates the bounds. */
    public ScanOptions {
        if (maxDepth < 1 || maxPathBytes < 16) {
            throw new IllegalArgumentException("maxDepth must be >= 1 and maxPathBytes >= 16");
        }
    }

    /** 256 levels, 4096-byte paths. */
    public static ScanOptions defaults() {
        return new ScanOptions(256, 4096);
    }
}
