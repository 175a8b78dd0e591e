package io.usync.download;

/** How a download ended: everything verified, some data missing, or nothing usable. */
public enum DownloadOutcome {
    /** Every selected file was written and verified. */
    COMPLETE,
    /** Some files are missing segments or failed verification; the rest were written. */
    INCOMPLETE,
    /** The download could not run (share not found, wrong key, no space, I/O failure). */
    FAILED
}
