package io.usync.nntp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.WrappedByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Encodes {@link NntpRequest} lines and outbound {@link NntpContent} (an article after POST's 340):
 * article bytes go to the socket as slices of the caller's buffer, with a dot inserted before every
 * line-leading dot, and a {@link LastNntpContent} is followed by CRLF if missing and the
 * terminating {@code .} line. An article marked with {@link #dotSafe(ByteBuf)} is sent without the
 * search for line-leading dots (its writer guarantees there are none).
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

    /**
     * Marks an article none of whose lines starts with a dot (e.g. headers of single-line values
     * followed by a yEnc body, whose encoder escapes a dot in the first column), so that it is
     * sent as it is, without the scan for dots to stuff; the mark survives
     * {@link ByteBuf#duplicate()} and {@link ByteBuf#retainedDuplicate()}, and the returned buffer
     * owns {@code article}'s reference. Marking an article that has such a line corrupts it.
     */
    public static ByteBuf dotSafe(ByteBuf article) {
        return article instanceof DotSafeArticle ? article : new DotSafeArticle(article);
    }

    /** Emits the data as retained slices with a dot before each line-leading dot. */
    private void stuff(ByteBuf data, List<Object> out) {
        int start = data.readerIndex();
        int end = data.writerIndex();
        if (data instanceof DotSafeArticle safe) {
            ByteBuf bytes = safe.unwrap();
            out.add(bytes.retainedSlice(start, end - start));
            contentEndsWithLf = bytes.getByte(end - 1) == '\n';
            contentLineStart = contentEndsWithLf;
            return;
        }
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

    /** An article its writer vouches holds no line-leading dot; duplicates keep the mark. */
    private static final class DotSafeArticle extends WrappedByteBuf {

        DotSafeArticle(ByteBuf article) {
            super(article);
        }

        @Override
        public ByteBuf duplicate() {
            return new DotSafeArticle(unwrap().duplicate());
        }

        @Override
        public ByteBuf retainedDuplicate() {
            return new DotSafeArticle(unwrap().retainedDuplicate());
        }
    }
}
