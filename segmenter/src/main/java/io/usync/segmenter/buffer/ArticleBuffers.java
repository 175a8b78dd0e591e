package io.usync.segmenter.buffer;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledUnsafeDirectByteBuf;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The allocator of whole articles' buffers, shared by the threads that fill them and those that
 * release them: a direct buffer of an exact size of at least {@value #MIN_KEPT} bytes (an encoded
 * article on upload; a decoded or opened segment on download) comes from a free list and goes back
 * to it when released, up to {@code maxKept} bytes in all; anything else comes from
 * {@code fallback}. New memory comes from a {@link HugePageSlab} where the system offers one.
 *
 * <p>Netty's pooled allocator gave each article memory the JDK had just zeroed and the kernel had
 * just mapped, and on a virtual machine every page's first touch is a dear fault (about 20 us
 * here). A download's decode buffers cost about 20,000 faults per GiB in {@code Unsafe.setMemory}.
 * An upload's articles (about 700 KiB each, built on encoder threads and released on the event
 * loops, so no thread cache ever saw them again) emptied Netty's 4 MiB chunks, which it freed and
 * then allocated and zeroed anew: about 45,000 of a 1 GiB upload's 90,000 faults. The free lists
 * are bounded by the caller's in-flight window, which already bounds how many buffers are live.
 */
public final class ArticleBuffers extends AbstractByteBufAllocator {

    /** The smallest request served from the free lists (a decoder's smallest buffer). */
    static final int MIN_KEPT = 4 << 10;
    /** Sizes are rounded up to a multiple of this, so articles of nearly one size share a list. */
    static final int GRAIN = 64 << 10;
    /** The rounding of sizes below {@link #GRAIN}. */
    static final int SMALL_GRAIN = 4 << 10;

    private final ByteBufAllocator fallback;
    private final long maxKept;
    private final AtomicLong kept = new AtomicLong();
    private final ConcurrentHashMap<Integer, Queue<ByteBuffer>> free = new ConcurrentHashMap<>();
    private final Optional<HugePageSlab> slab;

    /**
     * An allocator keeping at most {@code maxKept} bytes of released buffers for reuse, taking new
     * ones from a {@link HugePageSlab} of twice that (live and kept buffers) where there is one.
     */
    public ArticleBuffers(ByteBufAllocator fallback, long maxKept) {
        this(fallback, maxKept, HugePageSlab.reserve(2 * maxKept));
    }

    ArticleBuffers(ByteBufAllocator fallback, long maxKept, Optional<HugePageSlab> slab) {
        super(true);
        this.fallback = fallback;
        this.maxKept = maxKept;
        this.slab = slab;
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
        int grain = initialCapacity < GRAIN ? SMALL_GRAIN : GRAIN;
        int size = (initialCapacity + grain - 1) / grain * grain;
        ByteBuffer backing = free.computeIfAbsent(size, s -> new ConcurrentLinkedQueue<>()).poll();
        if (backing == null) {
            backing = newBacking(size);
        } else {
            kept.addAndGet(-size);
        }
        return new Kept(this, backing, initialCapacity);
    }

    /** New memory: from the slab while it lasts, else from the JDK. */
    private ByteBuffer newBacking(int size) {
        if (slab.isPresent()) {
            Optional<ByteBuffer> taken = slab.get().take(size);
            if (taken.isPresent()) {
                return taken.get();
            }
        }
        return ByteBuffer.allocateDirect(size);
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

        private final ArticleBuffers owner;
        private final ByteBuffer backing;

        Kept(ArticleBuffers owner, ByteBuffer backing, int capacity) {
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
