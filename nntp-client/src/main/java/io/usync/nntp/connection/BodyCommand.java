package io.usync.nntp.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.usync.nntp.BodyHandler;
import io.usync.nntp.NntpException;
import io.usync.nntp.Verdict;
import io.usync.nntp.codec.NntpRequests;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * BODY decoded straight into the caller's handler: chunks go from the socket buffer to the
 * handler with no copy; a handler that throws gets a bad verdict while the block is still read to
 * its end, so the stream stays in step.
 */
final class BodyCommand<T> extends PendingCommand {

    final CompletableFuture<BodyReply<T>> future = new CompletableFuture<>();
    private final BodyHandler<T> handler;
    private int code;
    private String handlerFailure;

    BodyCommand(String messageId, BodyHandler<T> handler) {
        super(Optional.of(NntpRequests.body(messageId)));
        this.handler = handler;
    }

    @Override
    void onStatus(ChannelHandlerContext ctx, int code, boolean multiLine, ByteBuf buf, int index, int length) {
        this.code = code;
        if (!multiLine) {
            future.complete(new BodyReply.NoBody<>(NntpReply.of(code, text(buf, index, length))));
        }
    }

    @Override
    void onContent(ByteBuf buf, int index, int length) {
        bytesIn += length;
        if (handlerFailure != null) {
            return;
        }
        try {
            handler.onContent(buf.slice(index, length));
        } catch (RuntimeException e) {
            handlerFailure = "body handler failed: " + e;
        }
    }

    @Override
    void onContentEnd() {
        Verdict<T> verdict;
        if (handlerFailure != null) {
            handler.onAbort(new IllegalStateException(handlerFailure));
            verdict = Verdict.bad(handlerFailure);
        } else {
            try {
                verdict = handler.onComplete();
            } catch (RuntimeException e) {
                verdict = Verdict.bad("body handler failed: " + e);
            }
        }
        future.complete(new BodyReply.Delivered<>(verdict));
    }

    @Override
    int finalCode() {
        return code;
    }

    @Override
    void fail(NntpException cause) {
        try {
            handler.onAbort(cause);
        } finally {
            future.completeExceptionally(cause);
        }
    }

    @Override
    boolean isDone() {
        return future.isDone();
    }
}
