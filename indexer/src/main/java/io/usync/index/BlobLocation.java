package io.usync.index;

import io.usync.core.BlobKind;
import java.util.Objects;

/**
 * Where a file's bytes live: its own blob or a pack (at {@code packOffset}), recorded under
 * {@code blobVersion}, the version whose segments hold them (an unchanged file in a later version
 * keeps pointing at the segments already posted).
 */
public record BlobLocation(int blobVersion, BlobKind kind, int blobIndex, long packOffset) {

    /** Validates indices; a standalone file has offset 0. */
    public BlobLocation {
        Objects.requireNonNull(kind, "kind");
        if (blobVersion < 1 || blobIndex < 0 || packOffset < 0) {
            throw new IllegalArgumentException("bad blob location " + blobVersion + "/" + blobIndex + "@" + packOffset);
        }
        if (kind == BlobKind.FILE && packOffset != 0) {
            throw new IllegalArgumentException("a standalone file blob has no pack offset");
        }
    }

    /** A standalone file blob. */
    public static BlobLocation file(int version, int blobIndex) {
        return new BlobLocation(version, BlobKind.FILE, blobIndex, 0);
    }

    /** A member of pack {@code packIndex} at {@code offset}. */
    public static BlobLocation inPack(int version, int packIndex, long offset) {
        return new BlobLocation(version, BlobKind.PACK, packIndex, offset);
    }
}
