package io.usync.nntp.connection;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import io.usync.nntp.NntpTransport;
import java.util.concurrent.TimeUnit;

/**
 * The event loops and socket channel type of one client: a native transport (epoll, io_uring)
 * where available, NIO otherwise.
 *
 * @param group       the event loops
 * @param channelType the socket channel class matching them
 * @param transport   the transport actually chosen
 */
public record IoResources(EventLoopGroup group, Class<? extends SocketChannel> channelType, NntpTransport transport)
        implements AutoCloseable {

    /** Creates event loops for the requested transport (AUTO picks epoll, then io_uring, then NIO). */
    public static IoResources create(NntpTransport requested, int threads) {
        NntpTransport chosen = resolve(requested);
        IoHandlerFactory factory = switch (chosen) {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
        Class<? extends SocketChannel> type = switch (chosen) {
            case EPOLL -> EpollSocketChannel.class;
            case IO_URING -> IoUringSocketChannel.class;
            default -> NioSocketChannel.class;
        };
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return new IoResources(new MultiThreadIoEventLoopGroup(n, factory), type, chosen);
    }

    private static NntpTransport resolve(NntpTransport requested) {
        return switch (requested) {
            case AUTO -> epoll() ? NntpTransport.EPOLL : ioUring() ? NntpTransport.IO_URING : NntpTransport.NIO;
            case EPOLL -> epoll() ? NntpTransport.EPOLL : NntpTransport.NIO;
            case IO_URING -> ioUring() ? NntpTransport.IO_URING : NntpTransport.NIO;
            case NIO -> NntpTransport.NIO;
        };
    }

    private static boolean epoll() {
        try {
            return Epoll.isAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static boolean ioUring() {
        try {
            return IoUring.isAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    /** Shuts the event loops down and waits briefly. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
