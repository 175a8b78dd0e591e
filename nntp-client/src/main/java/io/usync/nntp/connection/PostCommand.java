package io.usync.nntp.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.usync.nntp.NntpException;
import io.usync.nntp.codec.DefaultLastNntpContent;
import io.usync.nntp.codec.NntpRequests;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * POST in two phases: on 340 the article streams out (dot-stuffed by the encoder, slices of the
 * caller's buffer), then the final code (240, 441, ...) completes the command. The command owns
 * the article buffer until it is written or the command ends.
 */
final class PostCommand extends PendingCommand {

    final CompletableFuture<NntpReply> future = new CompletableFuture<>();
    private ByteBuf article;
    private int code;

    PostCommand(ByteBuf article) {
        super(Optional.of(NntpRequests.post()));
        this.article = article;
    }

    @Override
    void onStatus(ChannelHandlerContext ctx, int code, boolean multiLine, ByteBuf buf, int index, int length) {
        this.code = code;
        if (code == 340 && article != null) {
            ByteBuf toSend = article;
            article = null;
            bytesOut += toSend.readableBytes() + 3;
            ctx.writeAndFlush(new DefaultLastNntpContent(toSend));
            return;
        }
        releaseArticle();
        future.complete(NntpReply.of(code, text(buf, index, length)));
    }

    @Override
    boolean isIntermediate(int code) {
        return code == 340 && article != null;
    }

    @Override
    int finalCode() {
        return code;
    }

    @Override
    void fail(NntpException cause) {
        releaseArticle();
        future.completeExceptionally(cause);
    }

    @Override
    boolean isDone() {
        return future.isDone();
    }

    private void releaseArticle() {
        if (article != null) {
            article.release();
            article = null;
        }
    }
}
