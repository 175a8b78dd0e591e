package io.usync.nntp.codec;

/**
 * Bounds for the codec: the longest status line accepted and the largest content range delivered
 * in one call.
 *
 * @param maxLineLength longest status line in octets, CRLF excluded
 * @param maxChunkSize  largest content range handed to a sink in one call
 */
public record NntpCodecOptions(int maxLineLength, int maxChunkSize) {

    /** Validates both bounds. */
    public NntpCodecOptions {
        if (maxLineLength < 16 || maxLineLength > 65536) {
            throw new IllegalArgumentException("maxLineLength must be 16..65536");
        }
        if (maxChunkSize < 64) {
            throw new IllegalArgumentException("maxChunkSize must be at least 64");
        }
    }

    /** 4 KiB status lines (RFC 3977 allows 512; servers exceed it in texts) and 1 MiB chunks. */
    public static NntpCodecOptions defaults() {
        return new NntpCodecOptions(4096, 1 << 20);
    }
}
