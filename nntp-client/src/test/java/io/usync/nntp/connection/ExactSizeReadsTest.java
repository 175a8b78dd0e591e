package io.usync.nntp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExactSizeReadsTest {

    /** Records every direct buffer asked for, as (initial capacity, max capacity). */
    private static final class Recording extends AbstractByteBufAllocator {
        final List<int[]> asked = new ArrayList<>();

        Recording() {
            super(true);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            throw new AssertionError("reads use direct buffers");
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            asked.add(new int[] {initialCapacity, maxCapacity});
            return UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    @Test
    void eachReadBufferIsAskedForAtExactlyTheGuessedSizeWhichFollowsTheReads() {
        RecvByteBufAllocator.Handle handle = new ExactSizeReads(new AdaptiveRecvByteBufAllocator(512, 16 * 1024, 1 << 20))
                .newHandle();
        assertThat(handle).isInstanceOf(RecvByteBufAllocator.ExtendedHandle.class);
        handle.reset(new EmbeddedChannel().config());
        Recording alloc = new Recording();

        ByteBuf first = handle.allocate(alloc);
        assertThat(first.capacity()).isEqualTo(16 * 1024).isEqualTo(first.maxCapacity());
        // Full reads make the inner allocator guess larger; the next buffer is asked for at that size.
        for (int i = 0; i < 4; i++) {
            handle.attemptedBytesRead(handle.guess());
            handle.lastBytesRead(handle.guess());
            handle.readComplete();
            handle.reset(new EmbeddedChannel().config());
        }
        ByteBuf later = handle.allocate(alloc);
        assertThat(later.capacity()).isGreaterThan(16 * 1024).isEqualTo(later.maxCapacity()).isEqualTo(handle.guess());
        assertThat(alloc.asked).allSatisfy(a -> assertThat(a[0]).isEqualTo(a[1]));
        first.release();
        later.release();
    }
}
