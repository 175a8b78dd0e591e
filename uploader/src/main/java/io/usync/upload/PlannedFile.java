package io.usync.upload;

import io.usync.core.BlobKind;
import io.usync.core.SourceFile;
import java.util.Optional;

/**
 * One file of the version being uploaded: its position in the scan, the file as scanned, where
 * its bytes are (a blob of this or an earlier version; none for an empty file), its SHA-256 when
 * already known (reused files), and whether it reuses an earlier version's blob.
 */
record PlannedFile(int scanIndex, SourceFile file, Optional<Location> location, Optional<byte[]> sha256,
        boolean reused) {

    /** Where a non-empty file's bytes are: blob (origin version, kind, index) and offset in a pack. */
    record Location(int originVersion, BlobKind kind, int blobIndex, long offset) {
    }
}
