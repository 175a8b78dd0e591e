package io.usync.nntp.codec;

/**
 * Bounds for the codec: the longest status line accepted and the largest content range delivered
 * in one call; and the search for line-leading dots in multi-line replies.
 *
 * @param maxLineLength longest status line in octets, CRLF excluded
 * @param maxChunkSize  largest content range handed to a sink in one call
 * @param lfDotScanner  the search for dot-stuffed lines and the terminator ({@link DotLines#SWAR} in Java)
 */
public record NntpCodecOptions(int maxLineLength, int maxChunkSize, LfDotScanner lfDotScanner) {

    /** Validates both bounds. */
    public NntpCodecOptions {
        if (maxLineLength < 16 || maxLineLength > 65536) {
            throw new IllegalArgumentException("maxLineLength must be 16..65536");
        }
        if (maxChunkSize < 64) {
            throw new IllegalArgumentException("maxChunkSize must be at least 64");
        }
        if (lfDotScanner == null) {
            throw new IllegalArgumentException("lfDotScanner is required");
        }
    }

    /** Both bounds, with the Java search. */
    public NntpCodecOptions(int maxLineLength, int maxChunkSize) {
        this(maxLineLength, maxChunkSize, DotLines.SWAR);
    }

    /** 4 KiB status lines (RFC 3977 allows 512; servers exceed it in texts) and 1 MiB chunks. */
    public static NntpCodecOptions defaults() {
        return new NntpCodecOptions(4096, 1 << 20);
    }

    /** These options with another search for line-leading dots. */
    public NntpCodecOptions withLfDotScanner(LfDotScanner scanner) {
        return new NntpCodecOptions(maxLineLength, maxChunkSize, scanner);
    }
}
