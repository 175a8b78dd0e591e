package io.usync.nntp.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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

    /**
     * Netty's delegating handle with the allocation replaced; the epoll transport needs an
     * {@link ExtendedHandle}, whose one extra method is delegated here.
     */
    private static final class ExactHandle extends DelegatingHandle implements ExtendedHandle {

        ExactHandle(ExtendedHandle sizes) {
            super(sizes);
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            int size = guess();
            return alloc.ioBuffer(size, size);
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return ((ExtendedHandle) delegate()).continueReading(maybeMoreDataSupplier);
        }
    }
}
