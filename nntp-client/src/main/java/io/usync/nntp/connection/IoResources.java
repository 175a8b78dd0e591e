package io.usync.nntp.connection;

import io.netty.channel.EventLoop;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The event loops and socket channel type of one client: a native transport (epoll, io_uring)
 * where available, NIO otherwise. New connections go to the event loop that carries the fewest
 * (timers scheduled on the group do not skew this, as they would with {@code group.next()}), so
 * decoding work spreads over every loop.
 */
public final class IoResources implements AutoCloseable {

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final NntpTransport transport;
    private final List<EventLoop> loops = new ArrayList<>();
    private final AtomicIntegerArray channels;
    private final Optional<QuickAck> quickAck;

    private IoResources(EventLoopGroup group, Class<? extends SocketChannel> channelType, NntpTransport transport) {
        this.group = group;
        this.channelType = channelType;
        this.transport = transport;
        this.quickAck = QuickAck.forTransport(transport);
        group.forEach(executor -> loops.add((EventLoop) executor));
        this.channels = new AtomicIntegerArray(loops.size());
    }

    /** The event loops. */
    public EventLoopGroup group() {
        return group;
    }

    /** The socket channel class matching the loops. */
    public Class<? extends SocketChannel> channelType() {
        return channelType;
    }

    /** The handler keeping this transport's sockets acknowledging at once, where they can. */
    Optional<QuickAck> quickAck() {
        return quickAck;
    }

    /** The transport actually chosen. */
    public NntpTransport transport() {
        return transport;
    }

    /**
     * Reserves the event loop carrying the fewest connections for a new one; the returned index
     * must be handed back to {@link #releaseLoop(int)} when that connection closes.
     */
    public int reserveLoop() {
        synchronized (channels) {
            int best = 0;
            for (int i = 1; i < loops.size(); i++) {
                if (channels.get(i) < channels.get(best)) {
                    best = i;
                }
            }
            channels.incrementAndGet(best);
            return best;
        }
    }

    /** The event loop at an index from {@link #reserveLoop()}. */
    public EventLoop loop(int index) {
        return loops.get(index);
    }

    /** Hands back a loop reserved by {@link #reserveLoop()}. */
    public void releaseLoop(int index) {
        channels.decrementAndGet(index);
    }

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
