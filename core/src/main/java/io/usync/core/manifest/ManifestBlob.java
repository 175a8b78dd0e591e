package io.usync.core.manifest;

import io.usync.core.BlobKind;

/**
 * A blob (a whole file or a pack) as posted: its kind and share-wide index, the version that first
 * posted it (its Message-IDs derive from that version), its size and how it was cut into segments.
 * Blob indices are unique per kind across all versions of a share, so the AEAD associated data
 * (locator, kind, index, segment, last flag) names one blob for the share's whole life.
 */
public record ManifestBlob(BlobKind kind, int index, int originVersion, long size, int segmentSize, int segmentCount) {

    /** Validates that the segment count is exactly what the size and segment size give. */
    public ManifestBlob {
        if (kind == null) {
            throw new IllegalArgumentException("blob kind is required");
        }
        if (index < 0 || originVersion < 1 || size <= 0 || segmentSize <= 0) {
            throw new IllegalArgumentException("bad blob " + kind + "/" + index + " v" + originVersion
                    + " size=" + size + " segmentSize=" + segmentSize);
        }
        long expected = (size + segmentSize - 1) / segmentSize;
        if (segmentCount != expected) {
            throw new IllegalArgumentException("blob " + kind + "/" + index + " has " + segmentCount
                    + " segments, its size needs " + expected);
        }
    }

    /** The key identifying this blob inside the share. */
    public BlobKey key() {
        return new BlobKey(kind, index);
    }
}
