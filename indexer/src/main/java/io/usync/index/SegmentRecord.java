package io.usync.index;

import io.usync.core.Segment;
import java.util.Objects;

/** A recorded segment: the version it belongs to, the segment, its encoded article size and CRC32. */
public record SegmentRecord(int version, Segment segment, int encodedSize, int crc32) {

    /** Validates the version and size. */
    public SegmentRecord {
        Objects.requireNonNull(segment, "segment");
        if (version < 1 || encodedSize < 0) {
            throw new IllegalArgumentException("bad segment record: version " + version + " encoded " + encodedSize);
        }
        if (segment.range().length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("segment longer than 2 GiB: " + segment.range());
        }
    }
}
