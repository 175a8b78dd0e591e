package io.usync.core;

/**
 * A regular file found in the tree being uploaded: its path relative to the root ('/'-separated),
 * its size in bytes and its modification time in milliseconds since the epoch.
 */
public record SourceFile(String path, long size, long mtimeMillis) {

    /** Validates that the path is relative and non-empty and the size non-negative. */
    public SourceFile {
        if (path == null || path.isEmpty() || path.startsWith("/")) {
            throw new IllegalArgumentException("path must be relative and non-empty: " + path);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + path);
        }
    }
}
