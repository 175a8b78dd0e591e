package io.usync.core.nzb;

/** Bounds of {@link NzbReader}: segments kept per file, warnings kept, and the longest text value accepted. */
public record NzbReaderOptions(int maxSegmentsPerFile, int maxWarnings, int maxTextLength) {

    /** Validates the bounds. */
    public NzbReaderOptions {
        if (maxSegmentsPerFile < 1 || maxWarnings < 0 || maxTextLength < 256) {
            throw new IllegalArgumentException("bad NZB reader bounds");
        }
    }

    /** Two million segments per file (1.4 TB at 700 KiB), 100 warnings, 64 KiB texts. */
    public static NzbReaderOptions defaults() {
        return new NzbReaderOptions(2_000_000, 100, 64 * 1024);
    }
}
