package io.usync.download.output;

/** How an output file ended once every segment was tried. */
public sealed interface TargetResult {

    /** Verified (or, for NZB files without a hash, fully written) and renamed into place. */
    record Completed(long bytes) implements TargetResult {
    }

    /** Some segments could not be fetched intact; the part file is kept for a later run. */
    record Incomplete(int missingSegments, String reason) implements TargetResult {
    }

    /** Every segment arrived but the content failed verification or could not be committed. */
    record Failed(String reason) implements TargetResult {
    }
}
