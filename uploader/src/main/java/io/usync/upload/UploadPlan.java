package io.usync.upload;

import java.util.List;

/**
 * What one version consists of: every file (scan order) with its location, the folders (empty
 * ones included), and the new blobs this version must post.
 */
record UploadPlan(int version, List<PlannedFile> files, List<String> folders, List<PlannedBlob> newBlobs) {

    /** Freezes the lists. */
    UploadPlan {
        files = List.copyOf(files);
        folders = List.copyOf(folders);
        newBlobs = List.copyOf(newBlobs);
    }

    /** Total bytes of the version's files. */
    long bytes() {
        long total = 0;
        for (PlannedFile f : files) {
            total += f.file().size();
        }
        return total;
    }

    /** Total bytes of the new blobs (what this version posts). */
    long newBytes() {
        long total = 0;
        for (PlannedBlob b : newBlobs) {
            total += b.meta().size();
        }
        return total;
    }
}
