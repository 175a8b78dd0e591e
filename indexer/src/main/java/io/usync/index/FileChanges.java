package io.usync.index;

import io.usync.core.SourceFile;
import java.util.List;

/**
 * How a folder on disk differs from the last recorded version: new files, files whose content
 * changed, files unchanged (with their stored record, so the new version reuses their segments)
 * and stored files no longer on disk.
 */
public record FileChanges(List<SourceFile> added, List<SourceFile> modified, List<Unchanged> unchanged,
                          List<FileRecord> removed) {

    /** Copies the lists. */
    public FileChanges {
        added = List.copyOf(added);
        modified = List.copyOf(modified);
        unchanged = List.copyOf(unchanged);
        removed = List.copyOf(removed);
    }

    /** Whether anything must be posted or recorded anew. */
    public boolean hasChanges() {
        return !added.isEmpty() || !modified.isEmpty() || !removed.isEmpty();
    }

    /** A file found unchanged: as scanned now, and as stored. */
    public record Unchanged(SourceFile current, FileRecord stored) {
    }
}
