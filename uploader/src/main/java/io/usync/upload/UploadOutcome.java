package io.usync.upload;

/** How an upload ended. */
public enum UploadOutcome {
    /** Every segment was verified on a server and the manifest (or NZB) was published. */
    COMPLETE,
    /** Some segments could not be verified; published only with {@code --allow-partial}. */
    PARTIAL,
    /** Nothing usable was published (a fault, or nothing could be posted). */
    FAILED
}
