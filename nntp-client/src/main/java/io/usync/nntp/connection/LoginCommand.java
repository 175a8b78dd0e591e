package io.usync.nntp.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.usync.nntp.NntpException;
import io.usync.nntp.codec.NntpRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** AUTHINFO USER or PASS; kept apart so a 480 to it never triggers another login. */
final class LoginCommand extends PendingCommand {

    final CompletableFuture<NntpReply> future = new CompletableFuture<>();
    private int code;

    LoginCommand(NntpRequest request) {
        super(Optional.of(request));
    }

    @Override
    void onStatus(ChannelHandlerContext ctx, int code, boolean multiLine, ByteBuf buf, int index, int length) {
        this.code = code;
        future.complete(NntpReply.of(code, text(buf, index, length)));
    }

    @Override
    int finalCode() {
        return code;
    }

    @Override
    void fail(NntpException cause) {
        future.completeExceptionally(cause);
    }

    @Override
    boolean isDone() {
        return future.isDone();
    }
}
