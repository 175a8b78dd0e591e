package io.usync.core;

/**
 * One article's worth of a blob: the {@code index}-th (0-based) of {@code count} segments of the
 * file or pack {@code blobIndex}, covering {@code range} of that blob.
 */
public record Segment(BlobKind kind, int blobIndex, int index, int count, ByteRange range) {

    /** Validates indices and that the segment lies inside its blob's segment count. */
    public Segment {
        if (kind == null || range == null) {
            throw new IllegalArgumentException("kind and range are required");
        }
        if (blobIndex < 0 || index < 0 || count <= 0 || index >= count) {
            throw new IllegalArgumentException(
                    "bad segment index " + index + "/" + count + " of blob " + blobIndex);
        }
    }

    /** Whether this is the blob's last segment (bound into the AEAD associated data). */
    public boolean last() {
        return index == count - 1;
    }
}
