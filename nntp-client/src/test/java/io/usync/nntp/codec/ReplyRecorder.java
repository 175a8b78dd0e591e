package io.usync.nntp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Drains an EmbeddedChannel's decoded replies into one comparable text (content chunks merged). */
final class ReplyRecorder {

    private ReplyRecorder() {
    }

    static String drain(EmbeddedChannel channel) {
        StringBuilder sb = new StringBuilder();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            if (msg instanceof NntpResponse r) {
                sb.append('[').append(r.code()).append(' ').append(r.text()).append(r.multiLine() ? " +" : "").append(']');
            } else if (msg instanceof NntpContent c) {
                ByteBuf b = c.content();
                byte[] bytes = new byte[b.readableBytes()];
                b.getBytes(b.readerIndex(), bytes);
                content.writeBytes(bytes);
                boolean last = msg instanceof LastNntpContent;
                c.release();
                if (last) {
                    sb.append('{').append(content.toString(StandardCharsets.ISO_8859_1)).append('}');
                    content.reset();
                }
            }
        }
        return sb.toString();
    }
}
