package io.usync.index;

/** Where a share is in its life. */
public enum ShareStatus {
    /** Being uploaded or updated. */
    ACTIVE,
    /** Every version published. */
    COMPLETE,
    /** Being removed. */
    DROPPING
}
