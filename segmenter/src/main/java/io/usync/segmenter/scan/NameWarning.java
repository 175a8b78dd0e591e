package io.usync.segmenter.scan;

/** A kept file or directory whose name will not round-trip on some common file system (Windows, case-insensitive macOS). */
public record NameWarning(String path, String problem) {

    /** Validates the fields. */
    public NameWarning {
        if (path == null || problem == null) {
            throw new IllegalArgumentException("path and problem are required");
        }
    }
}
