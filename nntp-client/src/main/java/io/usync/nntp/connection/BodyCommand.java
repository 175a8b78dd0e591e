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
 * its end, so the stream stays in step. The handler hears its fate exactly once: {@code onComplete}
 * for a delivered body, {@code onAbort} for a reply without body (430/423/451 and any other) or a fault.
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
            NntpReply reply = NntpReply.of(code, text(buf, index, length));
            try {
                handler.onAbort(new IllegalStateException("no body: " + reply.line()));
            } catch (RuntimeException ignored) {
                // The handler has been told; its own failure to release must not wedge the stream.
            } finally {
                future.complete(new BodyReply.NoBody<>(reply));
            }
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
            try {
                handler.onAbort(new IllegalStateException(handlerFailure));
            } catch (RuntimeException ignored) {
                // Told once already; the verdict below is what matters.
            }
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
        } catch (RuntimeException ignored) {
            // Told once already; the fault below is what the caller acts on.
        } finally {
            future.completeExceptionally(cause);
        }
    }

    @Override
    boolean isDone() {
        return future.isDone();
    }
}
