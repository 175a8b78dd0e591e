package io.usync.nntp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes server replies. By default it emits an {@link NntpResponse}, then for multi-line replies
 * {@link NntpContent} chunks (retained slices, no copy) and a {@link LastNntpContent}. Given a
 * direct sink it instead hands every range straight to that sink (the in-flight command's handler)
 * and emits nothing, which keeps the steady state free of allocation.
 */
public final class NntpResponseDecoder extends ByteToMessageDecoder {

    private final NntpReplyParser parser;
    private final Optional<NntpResponseSink> directSink;
    private final MessageSink messages = new MessageSink();

    /** Creates a decoder that emits messages. */
    public NntpResponseDecoder(NntpCodecOptions options, NntpFraming framing) {
        this(options, framing, Optional.empty());
    }

    /** Creates a decoder that delivers replies to {@code directSink} when present, messages otherwise. */
    public NntpResponseDecoder(NntpCodecOptions options, NntpFraming framing, Optional<NntpResponseSink> directSink) {
        this.parser = new NntpReplyParser(options, framing);
        this.directSink = Objects.requireNonNull(directSink, "directSink");
    }

    /** The parser state (for tests and diagnostics). */
    public NntpReplyParser.State state() {
        return parser.state();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (directSink.isPresent()) {
            parser.parse(in, directSink.get());
            return;
        }
        messages.out = out;
        try {
            parser.parse(in, messages);
        } finally {
            messages.out = null;
        }
    }

    /** Turns parser callbacks into pipeline messages. */
    private static final class MessageSink implements NntpResponseSink {
        private List<Object> out;

        @Override
        public void onStatus(int code, boolean multiLine, ByteBuf buf, int textIndex, int textLength) {
            out.add(new DefaultNntpResponse(code, buf.toString(textIndex, textLength,
                    java.nio.charset.StandardCharsets.ISO_8859_1), multiLine));
        }

        @Override
        public void onContent(ByteBuf buf, int index, int length) {
            out.add(new DefaultNntpContent(buf.retainedSlice(index, length)));
        }

        @Override
        public void onContentEnd() {
            out.add(LastNntpContent.EMPTY);
        }
    }
}
