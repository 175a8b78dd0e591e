package io.usync.nntp.connection;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.uring.IoUringChannelOption;
import io.usync.nntp.NntpTransport;
import java.util.Optional;

/**
 * Keeps a connection acknowledging what it receives at once (Linux {@code TCP_QUICKACK}). The
 * kernel leaves quick-ACK mode again on its own, so the option is set again after every read.
 *
 * <p>Why: a news server that writes a reply in several sends without {@code TCP_NODELAY} (INN2's
 * nnrpd does) has Nagle's algorithm hold each short send until the one before is acknowledged,
 * while Linux delays that acknowledgement up to 40 ms when the client has nothing to send. Short
 * replies (small articles, STAT answers) then arrive one per delayed ACK: 20,000 one-article files
 * from INN2 on loopback took {@code bench/raw-nntp.c} 110 s at pipeline depth 1 and 7.0 s at depth
 * 16, and 3.3 s and 2.9 s with quick ACKs. NZBGet, which sets no such option, needed 120 s.
 */
@ChannelHandler.Sharable
final class QuickAck extends ChannelInboundHandlerAdapter {

    /** The system property that turns quick ACKs off ({@code false}), for comparisons. */
    static final String PROPERTY = "usync.nntp.quickAck";

    private final ChannelOption<Boolean> option;

    private QuickAck(ChannelOption<Boolean> option) {
        this.option = option;
    }

    /** The handler for a transport whose sockets take the option (epoll, io_uring), else empty (or when turned off). */
    static Optional<QuickAck> forTransport(NntpTransport transport) {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return Optional.empty();
        }
        return switch (transport) {
            case EPOLL -> Optional.of(new QuickAck(EpollChannelOption.TCP_QUICKACK));
            case IO_URING -> Optional.of(new QuickAck(IoUringChannelOption.TCP_QUICKACK));
            default -> Optional.empty();
        };
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.channel().config().setOption(option, true);
        ctx.fireChannelActive();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.channel().config().setOption(option, true);
        ctx.fireChannelReadComplete();
    }
}
