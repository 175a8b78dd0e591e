package io.usync.nntp.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.usync.nntp.NntpAuthException;
import io.usync.nntp.NntpConnectException;
import io.usync.nntp.NntpCredentials;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpException;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.NntpTimeoutException;
import io.usync.nntp.NntpTlsException;
import io.usync.nntp.codec.NntpClientCodec;
import io.usync.nntp.codec.NntpCodecOptions;
import io.usync.nntp.codec.NntpRequests;
import java.net.UnknownHostException;
import java.nio.CharBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens sessions to one server: TCP (or implicit TLS), the greeting (200/201; 400/502 refused),
 * CAPABILITIES, STARTTLS when asked (never falling back to clear text), MODE READER before login
 * where needed, AUTHINFO USER/PASS, and CAPABILITIES again after TLS or login.
 */
public final class NntpConnector {

    /** Largest single socket read: big reads mean fewer system calls for article bodies. */
    public static final int MAX_READ = 1 << 20;

    /** Flushes held back at most while commands are written in one burst. */
    private static final int FLUSH_AFTER_COMMANDS = 64;

    /** A socket send buffer that holds a whole article, so a slow reader costs few wake-ups. */
    private static final int SEND_BUFFER = 2 << 20;

    private final NntpServerOptions server;
    private final IoResources io;
    private final NntpCodecOptions codec;
    private final ByteBufAllocator allocator;
    private final NntpEventListener listener;
    private final Optional<SslContext> ssl;

    /**
     * Creates a connector whose channels take their buffers from {@code allocator}; builds the TLS
     * context once (throws {@code NntpTlsException} if it cannot).
     */
    public NntpConnector(NntpServerOptions server, IoResources io, NntpCodecOptions codec, ByteBufAllocator allocator,
            NntpEventListener listener) {
        this.server = server;
        this.io = io;
        this.codec = codec;
        this.allocator = allocator;
        this.listener = listener;
        this.ssl = TlsContexts.forServer(server);
    }

    /** The server this connector dials. */
    public NntpServerOptions server() {
        return server;
    }

    /** The fault for a connect that failed with {@code cause}, saying what to check. */
    private NntpConnectException connectFailed(Throwable cause) {
        String where = "Cannot connect to " + server.name() + " (" + server.host() + ":" + server.port() + "): ";
        if (cause instanceof UnknownHostException) {
            return new NntpConnectException(where + "the host name does not resolve; check the host in the profile"
                    + " and your DNS", cause, false);
        }
        return new NntpConnectException(where + cause.getMessage() + "; check the host, port and that the server runs",
                cause, false);
    }

    /** Opens and logs in a new connection. */
    public CompletableFuture<NntpConnection> connect() {
        long start = System.nanoTime();
        CompletableFuture<NntpConnection> result = new CompletableFuture<>();
        NntpConnectionHandler handler = new NntpConnectionHandler(server.name(), server.credentials(),
                server.timeouts().command(), listener);
        ReplyCommand greeting = new ReplyCommand(Optional.empty());
        int loop = io.reserveLoop();
        Bootstrap bootstrap = new Bootstrap().group(io.loop(loop)).channel(io.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) server.timeouts().connect().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.ALLOCATOR, allocator)
                .option(ChannelOption.SO_SNDBUF, SEND_BUFFER)
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new ExactSizeReads(new AdaptiveRecvByteBufAllocator(512, 16 * 1024, MAX_READ)))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        io.quickAck().ifPresent(q -> p.addLast("quickack", q));
                        if (server.tls() == NntpServerOptions.Tls.IMPLICIT) {
                            p.addLast("tls", sslHandler(ch));
                        }
                        p.addLast("idle", new IdleStateHandler(server.timeouts().read().toNanos(), 0, 0,
                                TimeUnit.NANOSECONDS));
                        // Commands written in one burst (pipelined BODY/STAT from one task or one read)
                        // leave in one send instead of one system call each.
                        p.addLast("flush", new FlushConsolidationHandler(FLUSH_AFTER_COMMANDS, true));
                        p.addLast("codec", new NntpClientCodec(codec, Optional.of(handler)));
                        p.addLast("nntp", handler);
                        handler.expectGreeting(greeting);
                    }
                });
        ChannelFuture connectFuture = bootstrap.connect(server.host(), server.port());
        connectFuture.channel().closeFuture().addListener(f -> io.releaseLoop(loop));
        connectFuture.addListener(f -> {
            if (!f.isSuccess()) {
                fail(result, connectFailed(f.cause()));
                return;
            }
            Channel channel = connectFuture.channel();
            NntpConnection connection = new NntpConnection(server.name(), channel, handler);
            var deadline = channel.eventLoop().schedule(() -> {
                if (!result.isDone()) {
                    NntpTimeoutException timeout = new NntpTimeoutException(server.name()
                            + " did not finish greeting and login within " + server.timeouts().login().toSeconds()
                            + " s; check the server or raise the login timeout");
                    handler.failAll(timeout);
                    fail(result, timeout);
                }
            }, server.timeouts().login().toNanos(), TimeUnit.NANOSECONDS);
            greeting.future
                    .thenCompose(reply -> session(connection, reply))
                    .whenComplete((ok, error) -> {
                        deadline.cancel(false);
                        if (error == null) {
                            listener.onConnect(server.name(), Duration.ofNanos(System.nanoTime() - start));
                            result.complete(connection);
                        } else {
                            connection.abort();
                            fail(result, unwrap(error));
                        }
                    });
        });
        return result;
    }

    private void fail(CompletableFuture<NntpConnection> result, NntpException cause) {
        if (result.completeExceptionally(cause)) {
            listener.onConnectFailed(server.name(), cause);
        }
    }

    private SslHandler sslHandler(Channel ch) {
        SslHandler handler = ssl.orElseThrow().newHandler(ch.alloc(), server.host(), server.port());
        handler.setHandshakeTimeout(server.timeouts().connect().toMillis(), TimeUnit.MILLISECONDS);
        return handler;
    }

    private CompletableFuture<Void> session(NntpConnection connection, NntpReply greeting) {
        if (greeting.code() != 200 && greeting.code() != 201) {
            boolean tooMany = greeting.code() == 502 || tooManyConnections(greeting.text());
            throw new NntpConnectException(server.name() + " refused the session (" + greeting.line() + ")"
                    + (tooMany ? "; it may allow fewer connections: lower the connection count" : "; try later"),
                    null, tooMany);
        }
        connection.postingAllowed(greeting.code() == 200);
        CompletableFuture<Void> chain = capabilities(connection);
        if (server.tls() == NntpServerOptions.Tls.STARTTLS) {
            chain = chain.thenCompose(v -> startTls(connection)).thenCompose(v -> capabilities(connection));
        }
        chain = chain.thenCompose(v -> modeReader(connection));
        if (server.credentials().isPresent()) {
            chain = chain.thenCompose(v -> login(connection, server.credentials().get()))
                    .thenCompose(v -> capabilities(connection));
        }
        return chain;
    }

    private CompletableFuture<Void> capabilities(NntpConnection connection) {
        return connection.execute(NntpRequests.capabilities()).thenAccept(reply -> {
            if (reply.code() == 101) {
                connection.capabilities(reply.lines());
            }
        });
    }

    private CompletableFuture<Void> startTls(NntpConnection connection) {
        if (!has(connection.capabilities(), "STARTTLS")) {
            throw new NntpTlsException(server.name() + " does not offer STARTTLS; use implicit TLS (port 563)"
                    + " or a server that supports it (clear text is never used when TLS is asked for)");
        }
        return connection.execute(NntpRequests.startTls()).thenCompose(reply -> {
            if (reply.code() != 382) {
                throw new NntpTlsException(server.name() + " refused STARTTLS (" + reply.line()
                        + "); use implicit TLS instead");
            }
            CompletableFuture<Void> handshake = new CompletableFuture<>();
            Channel channel = connection.channel();
            channel.eventLoop().execute(() -> {
                SslHandler tls = sslHandler(channel);
                channel.pipeline().addFirst("tls", tls);
                tls.handshakeFuture().addListener(f -> {
                    if (f.isSuccess()) {
                        handshake.complete(null);
                    } else {
                        handshake.completeExceptionally(new NntpTlsException("TLS with " + server.name()
                                + " failed after STARTTLS (" + f.cause().getMessage()
                                + "); check the trust store and host name", f.cause()));
                    }
                });
            });
            return handshake;
        });
    }

    private CompletableFuture<Void> modeReader(NntpConnection connection) {
        boolean send = switch (server.modeReader()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> has(connection.capabilities(), "MODE-READER");
        };
        if (!send) {
            return CompletableFuture.completedFuture(null);
        }
        return connection.execute(NntpRequests.modeReader()).thenAccept(reply -> {
            if (reply.code() == 200 || reply.code() == 201) {
                connection.postingAllowed(reply.code() == 200);
            }
        });
    }

    private CompletableFuture<Void> login(NntpConnection connection, NntpCredentials credentials) {
        return connection.execute(NntpRequests.authinfoUser(credentials.username())).thenCompose(user -> {
            if (user.code() == 281) {
                return CompletableFuture.completedFuture(user);
            }
            if (user.code() != 381) {
                throw loginRefused(user, credentials);
            }
            char[] secret = credentials.password().get();
            return connection.execute(NntpRequests.authinfoPass(CharBuffer.wrap(secret)))
                    .whenComplete((r, e) -> Arrays.fill(secret, '\0'));
        }).thenAccept(reply -> {
            if (reply.code() != 281) {
                throw loginRefused(reply, credentials);
            }
            listener.onLogin(server.name(), true);
        });
    }

    private NntpException loginRefused(NntpReply reply, NntpCredentials credentials) {
        listener.onLogin(server.name(), false);
        if (tooManyConnections(reply.text())) {
            return new NntpConnectException(server.name() + " refused the login for too many connections ("
                    + reply.line() + "); lower the connection count", null, true);
        }
        return new NntpAuthException(server.name() + " rejected the login of user " + credentials.username()
                + " (" + reply.line() + "); check the user name and password");
    }

    /** Whether a reply text says the account or server has too many connections. */
    public static boolean tooManyConnections(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("too many") || lower.contains("connection limit") || lower.contains("max connections")
                || lower.contains("maximum connections");
    }

    private static boolean has(List<String> capabilities, String keyword) {
        for (String line : capabilities) {
            String first = line.trim().split("\\s+", 2)[0];
            if (first.equalsIgnoreCase(keyword)) {
                return true;
            }
        }
        return false;
    }

    private static NntpException unwrap(Throwable error) {
        Throwable t = NntpException.unwrap(error);
        if (t instanceof NntpException e) {
            return e;
        }
        return new io.usync.nntp.NntpConnectionLostException("Session setup with the server failed: " + t, t);
    }
}
