package io.usync.download.share;

import io.usync.core.crypto.SegmentAad;

/**
 * Which segment an article must hold: its associated data, plaintext length, offset inside its
 * blob and the blob's size.
 */
public record SealedSegmentSpec(SegmentAad aad, int plainLength, long offset, long blobSize) {

    /** Validates the placement. */
    public SealedSegmentSpec {
        if (aad == null || plainLength < 1 || offset < 0 || offset + plainLength > blobSize) {
            throw new IllegalArgumentException("bad sealed segment placement");
        }
    }
}
