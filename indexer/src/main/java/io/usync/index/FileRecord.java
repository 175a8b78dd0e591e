package io.usync.index;

import io.usync.core.SourceFile;
import java.util.Objects;
import java.util.Optional;

/** One file of a version: its index, relative path, size, mtime, digest (once known) and location. */
public record FileRecord(int fileIndex, String path, long size, long mtimeMillis, Optional<Sha256> sha256,
                         BlobLocation location) {

    /** Validates the index, path and size. */
    public FileRecord {
        if (fileIndex < 0) {
            throw new IllegalArgumentException("negative file index " + fileIndex);
        }
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("a file path is required");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(location, "location");
    }

    /** The record for a scanned file. */
    public static FileRecord of(int fileIndex, SourceFile file, Optional<Sha256> sha256, BlobLocation location) {
        return new FileRecord(fileIndex, file.path(), file.size(), file.mtimeMillis(), sha256, location);
    }

    /** This file as a scanned source file. */
    public SourceFile source() {
        return new SourceFile(path, size, mtimeMillis);
    }
}
