package io.usync.core.crypto;

import io.usync.core.BlobKind;
import io.usync.core.Segment;
import io.usync.core.ShareLocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a sealed segment is bound to: the share, the blob (kind and index), the segment's index and
 * whether it is the blob's last, so a swapped, reordered or truncated segment fails to open.
 */
public record SegmentAad(ShareLocator locator, BlobKind kind, int blobIndex, int segmentIndex, boolean last) {

    private static final byte[] LABEL = "usync/v1/segment".getBytes(StandardCharsets.US_ASCII);

    /** Validates the coordinates. */
    public SegmentAad {
        if (locator == null || kind == null) {
            throw new IllegalArgumentException("locator and kind are required");
        }
        if (blobIndex < 0 || segmentIndex < 0) {
            throw new IllegalArgumentException("negative blob or segment index");
        }
    }

    /** The associated data of a planned segment of the given share. */
    public static SegmentAad of(ShareLocator locator, Segment segment) {
        return new SegmentAad(locator, segment.kind(), segment.blobIndex(), segment.index(), segment.last());
    }

    /** The canonical byte encoding fed to AES-GCM as associated data. */
    public byte[] encode() {
        return ByteBuffer.allocate(LABEL.length + ShareLocator.LENGTH + 10)
                .put(LABEL)
                .put(locator.bytes())
                .put((byte) kind.ordinal())
                .putInt(blobIndex)
                .putInt(segmentIndex)
                .put((byte) (last ? 1 : 0))
                .array();
    }
}
