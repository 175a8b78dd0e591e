package io.usync.upload;

/** The phases of an upload, in order. */
public enum UploadPhase {
    /** Walking the source tree. */
    SCAN,
    /** Packing, planning and recording the intent in the index. */
    PLAN,
    /** Reading, encoding and posting articles. */
    POST,
    /** Checking posted articles with STAT and re-posting what is missing. */
    CHECK,
    /** Posting the manifest (or writing the NZB). */
    PUBLISH
}
