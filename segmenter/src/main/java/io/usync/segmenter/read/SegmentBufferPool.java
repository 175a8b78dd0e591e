package io.usync.segmenter.read;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/** A bounded, thread-safe pool of direct buffers of one size, for pack segments. */
public final class SegmentBufferPool {

    private final int bufferBytes;
    private final ArrayBlockingQueue<ByteBuffer> free;

    /** Creates a pool keeping up to {@code maxPooled} buffers of {@code bufferBytes} each. */
    public SegmentBufferPool(int bufferBytes, int maxPooled) {
        this.bufferBytes = bufferBytes;
        this.free = new ArrayBlockingQueue<>(Math.max(1, maxPooled));
    }

    /** A cleared buffer, reused when one is free, else newly allocated. */
    ByteBuffer acquire() {
        ByteBuffer b = free.poll();
        return b != null ? b.clear() : ByteBuffer.allocateDirect(bufferBytes);
    }

    /** Returns a buffer for reuse (dropped when the pool is full). */
    void release(ByteBuffer buffer) {
        free.offer(buffer);
    }
}
