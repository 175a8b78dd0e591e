package io.usync.segmenter.read;

import io.usync.core.Segment;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One segment's bytes as a read-only view of a pooled buffer the reader filled (never of a file
 * mapping, so reading it cannot fault when the file changes); valid until {@link #close()}, which
 * must be called once the bytes are used (from any thread) and gives the buffer back.
 */
public final class SegmentSlice implements AutoCloseable {

    private final Segment segment;
    private final ByteBuffer data;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    SegmentSlice(Segment segment, ByteBuffer data, Runnable release) {
        this.segment = segment;
        this.data = data;
        this.release = release;
    }

    /** Which segment of which blob these bytes are. */
    public Segment segment() {
        return segment;
    }

    /** A fresh read-only view of the bytes (position 0, limit the segment length). */
    public ByteBuffer data() {
        return data.duplicate();
    }

    /** Gives the buffer back to the reader's pool; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }

    @Override
    public String toString() {
        return "SegmentSlice[" + segment + "]";
    }
}
