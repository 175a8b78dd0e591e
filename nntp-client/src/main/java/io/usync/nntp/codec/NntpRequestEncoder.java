package io.usync.nntp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Encodes {@link NntpRequest} lines and outbound {@link NntpContent} (an article after POST's 340):
 * article bytes go to the socket as slices of the caller's buffer, with a dot inserted before every
 * line-leading dot, and a {@link LastNntpContent} is followed by CRLF if missing and the
 * terminating {@code .} line.
 */
public final class NntpRequestEncoder extends MessageToMessageEncoder<Object> {

    private static final ByteBuf DOT = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(1).writeByte('.').asReadOnly());
    private static final ByteBuf CRLF = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeByte('\r').writeByte('\n').asReadOnly());
    private static final ByteBuf TERMINATOR = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(3).writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII)).asReadOnly());
    private static final ByteBuf CRLF_TERMINATOR = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(5).writeBytes("\r\n.\r\n".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    private final Consumer<NntpCommand> onRequest;
    private boolean contentLineStart = true;
    private boolean contentEndsWithLf = true;

    /** Creates an encoder that tells nobody about sent commands. */
    public NntpRequestEncoder() {
        this(command -> { });
    }

    /** Creates an encoder that reports each encoded request's command (the client codec's queue). */
    public NntpRequestEncoder(Consumer<NntpCommand> onRequest) {
        super(Object.class);
        this.onRequest = onRequest;
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof NntpRequest || msg instanceof NntpContent;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        if (msg instanceof NntpRequest request) {
            out.add(encodeLine(ctx, request));
            onRequest.accept(request.command());
            return;
        }
        NntpContent content = (NntpContent) msg;
        ByteBuf data = content.content();
        if (data.isReadable()) {
            stuff(data, out);
        }
        if (content instanceof LastNntpContent) {
            out.add(contentEndsWithLf ? TERMINATOR.duplicate() : CRLF_TERMINATOR.duplicate());
            contentLineStart = true;
            contentEndsWithLf = true;
        }
    }

    private static ByteBuf encodeLine(ChannelHandlerContext ctx, NntpRequest request) {
        ByteBuf buf = ctx.alloc().buffer(DefaultNntpRequest.MAX_LINE_OCTETS);
        buf.writeCharSequence(request.command().name(), StandardCharsets.US_ASCII);
        for (CharSequence p : request.parameters()) {
            buf.writeByte(' ');
            buf.writeCharSequence(p, StandardCharsets.US_ASCII);
        }
        buf.writeShort(('\r' << 8) | '\n');
        return buf;
    }

    /** Emits the data as retained slices with a dot before each line-leading dot. */
    private void stuff(ByteBuf data, List<Object> out) {
        int start = data.readerIndex();
        int end = data.writerIndex();
        int from = start;
        if (contentLineStart && data.getByte(start) == '.') {
            out.add(DOT.duplicate());
        }
        int search = start;
        while (true) {
            int lf = DotLines.indexOfLfDot(data, search, end);
            if (lf < 0) {
                break;
            }
            out.add(data.retainedSlice(from, lf + 1 - from));
            out.add(DOT.duplicate());
            from = lf + 1;
            search = lf + 1;
        }
        out.add(data.retainedSlice(from, end - from));
        contentEndsWithLf = data.getByte(end - 1) == '\n';
        contentLineStart = contentEndsWithLf;
    }

    /** The CRLF constant (for callers building articles). */
    static ByteBuf crlf() {
        return CRLF.duplicate();
    }
}
