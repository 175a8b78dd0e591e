package io.usync.core;

/** A half-open range of bytes {@code [offset, offset + length)} inside a file or pack blob. */
public record ByteRange(long offset, long length) {

    /** Validates that the range is non-negative and does not overflow a long. */
    public ByteRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range: offset=" + offset + " length=" + length);
        }
        if (offset + length < offset) {
            throw new IllegalArgumentException("range overflows: offset=" + offset + " length=" + length);
        }
    }

    /** The exclusive end offset. */
    public long end() {
        return offset + length;
    }
}
