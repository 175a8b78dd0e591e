package io.usync.download.fetch;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledUnsafeDirectByteBuf;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The allocator of articles' decode buffers: a direct buffer of an exact size of at least
 * {@value #MIN_KEPT} bytes (a decoded or opened segment) comes from a free list and goes back to
 * it when released, up to {@code maxKept} bytes in all; anything else comes from {@code fallback}.
 *
 * <p>Netty's allocators gave each article memory the JDK had just zeroed and the kernel had just
 * mapped: 1 GiB downloaded cost about 20,000 page faults in {@code Unsafe.setMemory} (three
 * quarters of the run's faults) and a sixth of its CPU samples. The free list is bounded by the
 * in-flight window, which already bounds how many buffers are live.
 */
public final class DecodeBuffers extends AbstractByteBufAllocator {

    /** The smallest request served from the free lists; smaller ones are cheap to allocate. */
    static final int MIN_KEPT = 64 << 10;
    /** Sizes are rounded up to a multiple of this, so articles of nearly one size share a list. */
    static final int GRAIN = 64 << 10;

    private final ByteBufAllocator fallback;
    private final long maxKept;
    private final AtomicLong kept = new AtomicLong();
    private final ConcurrentHashMap<Integer, Queue<ByteBuffer>> free = new ConcurrentHashMap<>();

    /** An allocator keeping at most {@code maxKept} bytes of released buffers for reuse. */
    public DecodeBuffers(ByteBufAllocator fallback, long maxKept) {
        super(true);
        this.fallback = fallback;
        this.maxKept = maxKept;
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return fallback.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        if (initialCapacity != maxCapacity || initialCapacity < MIN_KEPT || initialCapacity > Integer.MAX_VALUE - GRAIN) {
            return fallback.directBuffer(initialCapacity, maxCapacity);
        }
        int size = (initialCapacity + GRAIN - 1) / GRAIN * GRAIN;
        ByteBuffer backing = free.computeIfAbsent(size, s -> new ConcurrentLinkedQueue<>()).poll();
        if (backing == null) {
            backing = ByteBuffer.allocateDirect(size);
        } else {
            kept.addAndGet(-size);
        }
        return new Kept(this, backing, initialCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return true;
    }

    /** Bytes held for reuse now. */
    long keptBytes() {
        return kept.get();
    }

    /** Takes back a released buffer's memory, or lets the collector free it when enough is kept. */
    private void giveBack(ByteBuffer backing) {
        int size = backing.capacity();
        if (kept.addAndGet(size) > maxKept) {
            kept.addAndGet(-size);
            return;
        }
        free.get(size).offer(backing);
    }

    /** A buffer over the first {@code capacity} bytes of a kept one, which goes back on release. */
    private static final class Kept extends UnpooledUnsafeDirectByteBuf {

        private final DecodeBuffers owner;
        private final ByteBuffer backing;

        Kept(DecodeBuffers owner, ByteBuffer backing, int capacity) {
            super(owner, backing.slice(0, capacity), capacity);
            this.owner = owner;
            this.backing = backing;
            clear(); // a wrapped buffer starts full; a new one starts empty
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            owner.giveBack(backing);
        }
    }
}
