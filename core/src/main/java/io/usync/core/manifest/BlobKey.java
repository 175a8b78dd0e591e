package io.usync.core.manifest;

import io.usync.core.BlobKind;

/** A blob's identity inside a share: its kind and its share-wide index. */
public record BlobKey(BlobKind kind, int index) {

    /** Validates the kind and index. */
    public BlobKey {
        if (kind == null || index < 0) {
            throw new IllegalArgumentException("bad blob key " + kind + "/" + index);
        }
    }
}
