package io.usync.upload;

/** Where one segment stands in this upload. */
enum SegmentState {
    /** Not posted yet (or posted and found missing): the next round posts it. */
    PENDING,
    /** A server accepted it (or said it was already there); not yet seen by STAT. */
    POSTED,
    /** STAT found it: done. */
    VERIFIED,
    /** Given up after the retry bounds. */
    FAILED
}
