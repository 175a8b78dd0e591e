package io.usync.nntp.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.usync.nntp.BodyHandler;
import io.usync.nntp.NntpConnectionLostException;
import io.usync.nntp.codec.NntpRequest;
import io.usync.nntp.codec.NntpRequests;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One logged-in NNTP session: commands go out in order and may be pipelined; each returns a future
 * completed by its reply, or exceptionally with a retryable fault when the connection fails.
 * Made by {@link NntpConnector}.
 */
public final class NntpConnection {

    private final String server;
    private final Channel channel;
    private final NntpConnectionHandler handler;
    private final long createdNanos = System.nanoTime();
    private volatile long lastUsedNanos = createdNanos;
    private volatile boolean postingAllowed;
    private volatile List<String> capabilities = List.of();

    NntpConnection(String server, Channel channel, NntpConnectionHandler handler) {
        this.server = server;
        this.channel = channel;
        this.handler = handler;
    }

    /** The server's name. */
    public String server() {
        return server;
    }

    /** Whether the connection can take commands. */
    public boolean isOpen() {
        return channel.isActive() && !handler.closed();
    }

    /** Commands written and not yet answered (plus those held during a re-login). */
    public int inFlight() {
        return handler.inFlightCount();
    }

    /** When the connection was made ({@link System#nanoTime()}). */
    public long createdNanos() {
        return createdNanos;
    }

    /** When the connection last finished a command ({@link System#nanoTime()}). */
    public long lastUsedNanos() {
        return lastUsedNanos;
    }

    /** Whether the greeting (or MODE READER) said posting is allowed. */
    public boolean postingAllowed() {
        return postingAllowed;
    }

    /** The last CAPABILITIES lines read. */
    public List<String> capabilities() {
        return capabilities;
    }

    /** Whether TLS protects the connection. */
    public boolean tls() {
        return channel.pipeline().get("tls") != null;
    }

    void postingAllowed(boolean allowed) {
        this.postingAllowed = allowed;
    }

    void capabilities(List<String> lines) {
        this.capabilities = List.copyOf(lines);
    }

    Channel channel() {
        return channel;
    }

    NntpConnectionHandler handler() {
        return handler;
    }

    /** Sends any command and completes with its reply (lines included for multi-line text replies). */
    public CompletableFuture<NntpReply> execute(NntpRequest request) {
        ReplyCommand command = new ReplyCommand(Optional.of(request));
        submit(command);
        return touch(command.future);
    }

    /** STAT for a Message-ID. */
    public CompletableFuture<NntpReply> stat(String messageId) {
        return execute(NntpRequests.stat(messageId));
    }

    /** DATE (health check). */
    public CompletableFuture<NntpReply> date() {
        return execute(NntpRequests.date());
    }

    /** BODY for a Message-ID, streamed into {@code handler}. */
    public <T> CompletableFuture<BodyReply<T>> body(String messageId, BodyHandler<T> bodyHandler) {
        BodyCommand<T> command = new BodyCommand<>(messageId, bodyHandler);
        submit(command);
        return touch(command.future);
    }

    /**
     * POSTs an article (headers, blank line, body; CRLF line ends; no dot line) and completes with
     * the final reply (240, 441, 440, ...); takes ownership of the buffer.
     */
    public CompletableFuture<NntpReply> post(ByteBuf article) {
        PostCommand command = new PostCommand(article);
        submit(command);
        return touch(command.future);
    }

    private <T> CompletableFuture<T> touch(CompletableFuture<T> future) {
        return future.whenComplete((r, e) -> lastUsedNanos = System.nanoTime());
    }

    void submit(PendingCommand command) {
        if (channel.eventLoop().inEventLoop()) {
            handler.submit(command);
        } else {
            try {
                channel.eventLoop().execute(() -> handler.submit(command));
            } catch (RejectedExecutionException e) {
                command.fail(new NntpConnectionLostException("Connection to " + server
                        + " is shutting down; retry on another connection", e));
            }
        }
    }

    /** Completes when the connection has closed, for whatever reason. */
    public CompletableFuture<Void> closeFuture() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.closeFuture().addListener(f -> done.complete(null));
        return done;
    }

    /** Sends QUIT and closes, without waiting more than a second for the reply. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.closeFuture().addListener(f -> done.complete(null));
        if (!isOpen()) {
            channel.close();
            return done;
        }
        execute(NntpRequests.quit()).whenComplete((r, e) -> channel.close());
        channel.eventLoop().schedule(() -> channel.close(), 1, TimeUnit.SECONDS);
        return done;
    }

    /** Closes at once without QUIT (after an error). */
    public void abort() {
        channel.close();
    }

    @Override
    public String toString() {
        return "NntpConnection[" + server + ", " + channel.localAddress() + "->" + channel.remoteAddress() + "]";
    }
}
