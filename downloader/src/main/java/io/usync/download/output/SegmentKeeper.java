package io.usync.download.output;

import java.util.Optional;

/**
 * Keeps in memory the segment being written when a file's running digest cannot hash it yet (it
 * lies ahead of the file's written prefix), so that the digest hashes it from memory once the gap
 * before it fills instead of reading it back from the file; within a download-wide budget.
 */
@FunctionalInterface
public interface SegmentKeeper {

    /** Keeps nothing: every range written ahead is read back from the file. */
    SegmentKeeper NONE = () -> Optional.empty();

    /**
     * Keeps the memory of the segment being written (which the buffer given to the write views)
     * until the returned action runs, or empty when the budget has no room for it.
     */
    Optional<Runnable> keep();
}
