package io.usync.nntp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.uring.IoUringChannelOption;
import io.usync.nntp.NntpTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickAckTest {

    @Test
    void setsTheOptionWhenTheConnectionOpensAndAgainAfterEveryReadBeforeLaterHandlersRun() {
        List<String> events = new ArrayList<>();
        RecordingChannel channel = new RecordingChannel(events);
        channel.pipeline().addLast(QuickAck.forTransport(NntpTransport.EPOLL).orElseThrow(),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelReadComplete(ChannelHandlerContext ctx) {
                        events.add("read complete");
                    }

                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        events.add("active");
                    }
                });

        channel.pipeline().fireChannelActive();
        channel.pipeline().fireChannelReadComplete();
        channel.pipeline().fireChannelReadComplete();

        assertThat(events).containsExactly(EpollChannelOption.TCP_QUICKACK + "=true", "active",
                EpollChannelOption.TCP_QUICKACK + "=true", "read complete",
                EpollChannelOption.TCP_QUICKACK + "=true", "read complete");
    }

    @Test
    void eachNativeTransportUsesItsOwnOptionAndNioHasNone() {
        RecordingChannel channel = new RecordingChannel(new ArrayList<>());
        channel.pipeline().addLast(QuickAck.forTransport(NntpTransport.IO_URING).orElseThrow());
        channel.pipeline().fireChannelReadComplete();

        assertThat(channel.events).containsExactly(IoUringChannelOption.TCP_QUICKACK + "=true");
        assertThat(QuickAck.forTransport(NntpTransport.NIO)).isEmpty();
    }

    /** A channel whose config records the options set on it. */
    private static final class RecordingChannel extends EmbeddedChannel {

        private final List<String> events;
        private ChannelConfig recording;

        RecordingChannel(List<String> events) {
            this.events = events;
        }

        @Override
        public ChannelConfig config() {
            if (recording == null) {
                recording = new DefaultChannelConfig(this) {
                    @Override
                    public <T> boolean setOption(ChannelOption<T> option, T value) {
                        events.add(option + "=" + value);
                        return true;
                    }
                };
            }
            return recording;
        }
    }
}
