package io.usync.core.manifest;

import io.usync.core.BlobKind;

/**
 * A segment posted under a non-zero attempt number because a server refused the id for good; its
 * Message-ID derives from {@code attempt} instead of 0.
 */
public record AttemptOverride(BlobKind kind, int blobIndex, int segmentIndex, int attempt) {

    /** Validates indices and that the attempt is positive (attempt 0 is the default, never listed). */
    public AttemptOverride {
        if (kind == null || blobIndex < 0 || segmentIndex < 0 || attempt < 1) {
            throw new IllegalArgumentException("bad attempt override " + kind + "/" + blobIndex + "/"
                    + segmentIndex + " attempt " + attempt);
        }
    }
}
