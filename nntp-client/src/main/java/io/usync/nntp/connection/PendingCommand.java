package io.usync.nntp.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.usync.nntp.NntpException;
import io.usync.nntp.codec.NntpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * One command in a connection's in-flight FIFO: it receives its reply straight from the decoder
 * and completes its own future. Everything runs on the connection's event loop.
 */
abstract class PendingCommand {

    private final Optional<NntpRequest> request;
    long startNanos;
    long bytesIn;
    long bytesOut;
    int authRetries;
    ScheduledFuture<?> deadline;

    PendingCommand(Optional<NntpRequest> request) {
        this.request = request;
    }

    /** The request to write, empty for the greeting. */
    final Optional<NntpRequest> request() {
        return request;
    }

    /** The verb for events and errors. */
    final String verb() {
        return request.map(r -> r.command().toString()).orElse("GREETING");
    }

    /** Whether this code is intermediate for this command (POST 340): the command stays at the head. */
    boolean isIntermediate(int code) {
        return request.map(r -> r.command().isIntermediate(code)).orElse(false);
    }

    /** The status line arrived. */
    abstract void onStatus(ChannelHandlerContext ctx, int code, boolean multiLine, ByteBuf buf, int index, int length);

    /** Block bytes arrived (multi-line replies only). */
    void onContent(ByteBuf buf, int index, int length) {
    }

    /** The block ended (multi-line replies only). */
    void onContentEnd() {
    }

    /** The final code of the reply (for events). */
    abstract int finalCode();

    /** Fails the command with a fault; called at most once, and never after completion. */
    abstract void fail(NntpException cause);

    /** Whether the command's future is already done. */
    abstract boolean isDone();

    static String text(ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.ISO_8859_1);
    }
}
