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

    // equals and hashCode are written out: the record's generated ones are bootstrapped through
    // ObjectMethods, which spins about 13 classes at run time (and C1 compiles the JDK's
    // class-generation code) in every upload and download that keys a map by blob.

    /** Whether {@code other} is a key of the same kind and index. */
    @Override
    public boolean equals(Object other) {
        return other instanceof BlobKey key && key.kind == kind && key.index == index;
    }

    /** A hash of the kind and index, the same in every run. */
    @Override
    public int hashCode() {
        return index * 31 + kind.ordinal();
    }
}
