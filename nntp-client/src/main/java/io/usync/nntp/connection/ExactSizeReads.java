package io.usync.nntp.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * Another {@link RecvByteBufAllocator}'s read sizes, with each read buffer asked for at exactly
 * that size ({@code ioBuffer(n, n)}): an allocator that keeps released buffers by size (the
 * downloader's, whose memory comes on huge pages) can then serve socket reads too, where Netty's
 * pooled allocator zeroed and faulted in a fresh 4 MiB chunk for each arena as the first greetings
 * arrived. A read buffer never grows (a read fills at most its size), so nothing else changes.
 */
final class ExactSizeReads implements RecvByteBufAllocator {

    private final RecvByteBufAllocator sizes;

    ExactSizeReads(RecvByteBufAllocator sizes) {
        this.sizes = sizes;
    }

    @Override
    public Handle newHandle() {
        return new ExactHandle((ExtendedHandle) sizes.newHandle());
    }

    /** Delegates everything but the allocation (the epoll transport needs an {@link ExtendedHandle}). */
    private static final class ExactHandle implements ExtendedHandle {

        private final ExtendedHandle sizes;

        ExactHandle(ExtendedHandle sizes) {
            this.sizes = sizes;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            int size = sizes.guess();
            return alloc.ioBuffer(size, size);
        }

        @Override
        public int guess() {
            return sizes.guess();
        }

        @Override
        public void reset(ChannelConfig config) {
            sizes.reset(config);
        }

        @Override
        public void incMessagesRead(int numMessages) {
            sizes.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            sizes.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return sizes.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            sizes.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return sizes.attemptedBytesRead();
        }

        @Override
        public boolean continueReading() {
            return sizes.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return sizes.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            sizes.readComplete();
        }
    }
}
