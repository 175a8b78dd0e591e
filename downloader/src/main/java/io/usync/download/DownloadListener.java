package io.usync.download;

/**
 * Progress events of a download, for a progress bar or log lines; called from pipeline threads,
 * so implementations must be thread-safe and quick. Every method has a no-op default.
 */
public interface DownloadListener {

    /** A listener that ignores every event. */
    DownloadListener NONE = new DownloadListener() { };

    /** The plan is ready: how many files and payload bytes will be fetched, and how many skipped. */
    default void planned(long files, long bytes, long skippedFiles, long skippedBytes) { }

    /** A segment of {@code bytes} payload bytes was verified and written. */
    default void segmentWritten(String file, long bytes) { }

    /** No read server had this segment intact. */
    default void segmentMissing(String file, int segment, String reason) { }

    /** A file was verified and renamed into place. */
    default void fileCompleted(String file, long bytes) { }

    /** A file could not be completed. */
    default void fileFailed(String file, String reason) { }

    /** A name was refused because it is unsafe. */
    default void nameRejected(String name, String reason) { }

    /** A line of status worth showing (resolving the share, fetching the manifest, ...). */
    default void status(String message) { }
}
