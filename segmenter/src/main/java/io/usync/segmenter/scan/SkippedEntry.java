package io.usync.segmenter.scan;

/** An entry the scan did not take, with why: {@code path} is relative to the root (lossy if the name itself was the problem). */
public record SkippedEntry(String path, Reason reason, String detail) {

    /** Why an entry was skipped. */
    public enum Reason {
        /** A symbolic link: never followed. */
        SYMLINK,
        /** A socket, FIFO or device. */
        SPECIAL_FILE,
        /** The process may not read it (or list it, for a directory). */
        UNREADABLE,
        /** Its name is not valid text in the platform encoding, so it could not be opened again by name. */
        UNDECODABLE_NAME,
        /** Deeper than {@link ScanOptions#maxDepth()} or a path longer than {@link ScanOptions#maxPathBytes()}. */
        TOO_DEEP_OR_LONG
    }

    /** Validates the fields. */
    public SkippedEntry {
        if (path == null || reason == null || detail == null) {
            throw new IllegalArgumentException("path, reason and detail are required");
        }
    }
}
