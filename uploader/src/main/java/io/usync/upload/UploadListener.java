package io.usync.upload;

/**
 * Progress callbacks for displays and metrics; called from pipeline threads, so implementations
 * must be thread-safe and quick. Every method has an empty default.
 */
public interface UploadListener {

    /** A listener that ignores everything. */
    UploadListener NONE = new UploadListener() {
    };

    /** The plan is known: files and bytes in the version, articles still to post. */
    default void planned(long files, long bytes, long articlesToPost, long bytesToPost) {
    }

    /** The upload entered a phase (scan, plan, post, check, publish). */
    default void phase(UploadPhase phase) {
    }

    /** One article was accepted by a server ({@code payloadBytes} of source data). */
    default void articlePosted(long payloadBytes) {
    }

    /** A segment is being posted again (missing on check, or refused). */
    default void repost() {
    }

    /** A segment could not be posted or verified for good. */
    default void failure(String reason) {
    }
}
