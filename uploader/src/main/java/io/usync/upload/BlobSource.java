package io.usync.upload;

import io.usync.core.Segment;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads a planned blob's segments in order (memory-mapped in production) and hashes it in the
 * same pass; a file that changed since the scan is a fault.
 */
interface BlobSource {

    /** Hands each segment's bytes to {@code visitor} in order and returns the blob's digests. */
    BlobDigest read(PlannedBlob blob, SliceVisitor visitor) throws IOException;

    /**
     * Receives one segment's bytes and owns them: it runs {@code release} exactly once (from any
     * thread, possibly after returning) when it no longer needs {@code data}; when {@code visit}
     * throws, the source releases them instead.
     */
    @FunctionalInterface
    interface SliceVisitor {
        /** Handles segment {@code segment} whose bytes are {@code data}, valid until {@code release} runs. */
        void visit(Segment segment, ByteBuffer data, Runnable release) throws IOException;
    }
}
