package io.usync.nntp.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.usync.nntp.NntpPoolOptions;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.NntpTimeouts;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory NNTP server on 127.0.0.1 built from the client's own codec, for tests of the client
 * and of everything above it: it stores posted articles, serves BODY/HEAD/ARTICLE/STAT, counts how
 * often each Message-ID was posted, and injects faults through {@link #faults()}.
 */
public final class FakeNntpServer implements AutoCloseable {

    /** One stored article: the raw text and its body in wire form (dot-stuffed). */
    record Stored(byte[] article, byte[] wireBody, byte[] wireHead) {
    }

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final FakeNntpFaults faults = new FakeNntpFaults();
    final Map<String, Stored> articles = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> postCounts = new ConcurrentHashMap<>();
    final AtomicInteger postSequence = new AtomicInteger();
    final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    final Map<String, AtomicInteger> commandCounts = new ConcurrentHashMap<>();

    private FakeNntpServer(int threads) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        channels.add(ch);
                        accepted.incrementAndGet();
                        ch.pipeline().addLast(new FakeNntpSession(FakeNntpServer.this, faults));
                    }
                });
        this.serverChannel = bootstrap.bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    /** Starts a server with one I/O thread on an ephemeral loopback port. */
    public static FakeNntpServer start() {
        return new FakeNntpServer(1);
    }

    /** Starts a server with this many I/O threads (benchmarks). */
    public static FakeNntpServer start(int threads) {
        return new FakeNntpServer(threads);
    }

    /** The faults to inject. */
    public FakeNntpFaults faults() {
        return faults;
    }

    /** Always 127.0.0.1. */
    public String host() {
        return "127.0.0.1";
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Client options for this server: plain, every role, short timeouts and backoff suited to tests. */
    public NntpServerOptions serverOptions(String name) {
        return NntpServerOptions.defaults(name, host(), port())
                .withTimeouts(new NntpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3),
                        Duration.ofSeconds(5)))
                .withPool(NntpPoolOptions.defaults().withMaxConnections(4)
                        .withPendingAcquire(1000, Duration.ofSeconds(5))
                        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)));
    }

    /** Stores an article with this Message-ID and body (a minimal header is added). */
    public void putArticle(String messageId, byte[] body) {
        ByteArrayOutputStream article = new ByteArrayOutputStream();
        article.writeBytes(("Message-ID: " + messageId + "\r\nSubject: test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        article.writeBytes(body);
        store(messageId, article.toByteArray());
    }

    void store(String messageId, byte[] article) {
        int split = headerEnd(article);
        byte[] head = java.util.Arrays.copyOfRange(article, 0, Math.max(0, split - 2));
        byte[] body = java.util.Arrays.copyOfRange(article, Math.min(article.length, split + 2), article.length);
        articles.put(messageId, new Stored(article, stuff(body), stuff(head)));
    }

    /** Index of the CRLF CRLF between header and body (the first CR), or the length if none. */
    static int headerEnd(byte[] article) {
        for (int i = 0; i + 3 < article.length; i++) {
            if (article[i] == '\r' && article[i + 1] == '\n' && article[i + 2] == '\r' && article[i + 3] == '\n') {
                return i + 2;
            }
        }
        return article.length;
    }

    /** Dot-stuffs and CRLF-terminates a block for the wire (without the final dot line). */
    static byte[] stuff(byte[] block) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(block.length + 16);
        boolean lineStart = true;
        for (byte b : block) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (block.length > 0 && !lineStart) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The body of a stored article (bytes after the blank line), if stored. */
    public Optional<byte[]> body(String messageId) {
        Stored s = articles.get(messageId);
        if (s == null) {
            return Optional.empty();
        }
        int split = headerEnd(s.article());
        return Optional.of(java.util.Arrays.copyOfRange(s.article(), Math.min(s.article().length, split + 2),
                s.article().length));
    }

    /** The full stored article text, if stored. */
    public Optional<byte[]> article(String messageId) {
        return Optional.ofNullable(articles.get(messageId)).map(Stored::article);
    }

    /** How many times an article with this Message-ID reached the server through POST (duplicates included). */
    public int timesPosted(String messageId) {
        AtomicInteger n = postCounts.get(messageId);
        return n == null ? 0 : n.get();
    }

    /** Message-IDs posted more than once. */
    public Set<String> postedMoreThanOnce() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        postCounts.forEach((id, n) -> {
            if (n.get() > 1) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** How many POSTed articles arrived in total. */
    public int postsReceived() {
        return postSequence.get();
    }

    /** How many times a verb was received. */
    public int commands(String verb) {
        AtomicInteger n = commandCounts.get(verb);
        return n == null ? 0 : n.get();
    }

    /** Connections accepted since start. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Connections open now. */
    public int activeConnections() {
        return active.get();
    }

    /** Closes every client connection at once (the server keeps listening). */
    public void dropAllConnections() {
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /** Stops the server. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
