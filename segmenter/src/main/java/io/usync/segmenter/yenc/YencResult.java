package io.usync.segmenter.yenc;

import io.usync.core.ByteRange;

import java.util.OptionalInt;

/** What decoding one article found: decoded data, a CRC mismatch, an incomplete or invalid part, or no yEnc at all. */
public sealed interface YencResult {

    /**
     * A complete part whose size, range and CRC check out: {@code begin}/{@code end} are the
     * 1-based inclusive byte positions from {@code =ypart} (1 and size for single-part articles).
     */
    record Decoded(String name, int part, int total, long fileSize, long begin, long end, long size,
                   int crc32, OptionalInt fileCrc32) implements YencResult {

        /** Validates the range. */
        public Decoded {
            if (size < 0 || begin < 1 && size > 0 || end - begin + 1 != size) {
                throw new IllegalArgumentException("bad range " + begin + ".." + end + " for size " + size);
            }
        }

        /** The 0-based range of the file this part covers. */
        public ByteRange range() {
            return new ByteRange(Math.max(0, begin - 1), size);
        }
    }

    /** All data arrived but its CRC-32 differs from the {@code =yend} one (try another server). */
    record CrcMismatch(int expected, int actual, long size) implements YencResult {
    }

    /** The article ended before its {@code =yend} line (truncated). */
    record Incomplete(String reason, long decodedBytes) implements YencResult {
    }

    /** The yEnc lines contradict themselves or the caller's expectations (part, range, sizes). */
    record Invalid(String reason) implements YencResult {
    }

    /** No {@code =ybegin} line: the article holds no yEnc data. */
    record NotYenc() implements YencResult {
    }
}
