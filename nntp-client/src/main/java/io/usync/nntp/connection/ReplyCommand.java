package io.usync.nntp.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.usync.nntp.NntpException;
import io.usync.nntp.NntpProtocolException;
import io.usync.nntp.codec.NntpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A command answered by a status line and, for text blocks (CAPABILITIES), its lines. */
final class ReplyCommand extends PendingCommand {

    private static final int MAX_TEXT_BLOCK = 1 << 20;

    final CompletableFuture<NntpReply> future = new CompletableFuture<>();
    private int code;
    private String text = "";
    private ByteBuf block;

    ReplyCommand(Optional<NntpRequest> request) {
        super(request);
    }

    @Override
    void onStatus(ChannelHandlerContext ctx, int code, boolean multiLine, ByteBuf buf, int index, int length) {
        this.code = code;
        this.text = text(buf, index, length);
        if (!multiLine) {
            future.complete(NntpReply.of(code, text));
        } else {
            block = Unpooled.buffer(256);
        }
    }

    @Override
    void onContent(ByteBuf buf, int index, int length) {
        if (block.readableBytes() + length > MAX_TEXT_BLOCK) {
            throw new NntpProtocolException("Server sent a text block over " + MAX_TEXT_BLOCK + " octets");
        }
        block.writeBytes(buf, index, length);
    }

    @Override
    void onContentEnd() {
        String all = block.toString(StandardCharsets.ISO_8859_1);
        block.release();
        block = null;
        List<String> lines = new ArrayList<>();
        for (String line : all.split("\r?\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        future.complete(new NntpReply(code, text, lines));
    }

    @Override
    int finalCode() {
        return code;
    }

    @Override
    void fail(NntpException cause) {
        if (block != null) {
            block.release();
            block = null;
        }
        future.completeExceptionally(cause);
    }

    @Override
    boolean isDone() {
        return future.isDone();
    }
}
