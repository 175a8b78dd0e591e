package io.usync.segmenter.read;

/** Reads one blob (a file or a pack) segment by segment, in order, hashing it in the same pass. */
public interface BlobReader extends AutoCloseable {

    /** The next segment, then {@link ReadStep.Done} (repeatedly), or {@link ReadStep.Changed} once a source changed. */
    ReadStep next();

    /** Releases the reader's files and its hold on the current window (slices handed out stay valid until closed). */
    @Override
    void close();
}
