package io.usync.nntp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.usync.nntp.codec.NntpCodecOptions;
import io.usync.nntp.codec.NntpFraming;
import io.usync.nntp.codec.NntpReplyParser;
import io.usync.nntp.codec.NntpResponseSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection of the {@link FakeNntpServer}: reads command lines, receives articles after 340
 * with the client's own dot-block parser, and writes replies through the fault model (latency,
 * bandwidth, drops).
 */
final class FakeNntpSession extends ByteToMessageDecoder implements NntpResponseSink {

    private static final NntpFraming NO_FRAMING = new NntpFraming() {
        @Override
        public boolean isMultiLine(int code) {
            return false;
        }

        @Override
        public void onReplyComplete(int code) {
        }
    };

    private final FakeNntpServer server;
    private final FakeNntpFaults faults;
    private final NntpReplyParser articleParser = new NntpReplyParser(NntpCodecOptions.defaults(), NO_FRAMING);
    private ChannelHandlerContext ctx;
    private boolean readingArticle;
    private ByteBuf article;
    private boolean authenticated;
    private String pendingUser;
    private int commands;
    private long bytesSent;
    private long sendCursorNanos;
    private boolean closing;

    FakeNntpSession(FakeNntpServer server, FakeNntpFaults faults) {
        this.server = server;
        this.faults = faults;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        this.ctx = context;
        int open = server.active.incrementAndGet();
        if (faults.maxConnections > 0 && open > faults.maxConnections) {
            writeNow("502 too many connections from your address\r\n");
            closeAfterWrites();
            return;
        }
        if (!faults.noGreeting) {
            int code = faults.greetingCode;
            String text = code == 200 ? "fake.usync.test NNTP ready (posting ok)"
                    : code == 201 ? "fake.usync.test NNTP ready (no posting)" : "service not available";
            long delay = faults.greetingDelay.toNanos();
            if (delay > 0) {
                context.executor().schedule(() -> greet(code, text), delay, TimeUnit.NANOSECONDS);
            } else {
                greet(code, text);
            }
        }
        super.channelActive(context);
    }

    private void greet(int code, String text) {
        writeNow(code + " " + text + "\r\n");
        if (code == 400 || code == 502) {
            closeAfterWrites();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        server.active.decrementAndGet();
        if (article != null) {
            article.release();
            article = null;
        }
        super.channelInactive(context);
    }

    @Override
    protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) {
        while (in.isReadable() && !closing) {
            if (readingArticle) {
                articleParser.parse(in, this);
                if (readingArticle) {
                    return;
                }
                continue;
            }
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (lf < 0) {
                if (in.readableBytes() > 4096) {
                    writeNow("500 line too long\r\n");
                    closeAfterWrites();
                    in.skipBytes(in.readableBytes());
                }
                return;
            }
            String line = in.toString(in.readerIndex(), lf - in.readerIndex(), StandardCharsets.ISO_8859_1).strip();
            in.readerIndex(lf + 1);
            command(line);
        }
    }

    private void command(String line) {
        String[] parts = line.split(" ");
        String verb = parts[0].toUpperCase(Locale.ROOT);
        server.commandCounts.computeIfAbsent(verb, k -> new AtomicInteger()).incrementAndGet();
        commands++;
        if (faults.stopAnswering) {
            return;
        }
        if (faults.garbageReplies) {
            reply("this is not nntp\r\n");
            return;
        }
        if (faults.overlongReplies) {
            reply("200 " + "x".repeat(100_000));
            return;
        }
        if (faults.commandsPerSession > 0 && commands > faults.commandsPerSession) {
            reply("400 max connect time exceeded\r\n");
            closeAfterWrites();
            return;
        }
        boolean authFree = verb.equals("CAPABILITIES") || verb.equals("AUTHINFO") || verb.equals("QUIT")
                || verb.equals("MODE");
        if (!authFree && faults.user != null) {
            if (authenticated && faults.forgetLogins.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                authenticated = false;
            }
            if (!authenticated) {
                reply("480 authentication required\r\n");
                return;
            }
        }
        String arg = parts.length > 1 ? parts[1] : "";
        switch (verb) {
            case "CAPABILITIES" -> reply("101 Capability list:\r\nVERSION 2\r\nREADER\r\nPOST\r\n"
                    + (faults.user != null ? "AUTHINFO USER\r\n" : "") + ".\r\n");
            case "MODE" -> reply("200 reader mode, posting ok\r\n");
            case "AUTHINFO" -> authinfo(arg, parts.length > 2 ? parts[2] : "");
            case "DATE" -> reply("111 20261122000000\r\n");
            case "QUIT" -> {
                reply("205 bye\r\n");
                closeAfterWrites();
            }
            case "GROUP" -> reply("211 0 0 0 " + arg + "\r\n");
            case "STAT" -> reply(stored(arg) ? "223 0 " + arg + "\r\n" : "430 no such article\r\n");
            case "BODY" -> sendArticle(arg, 222, true, false);
            case "HEAD" -> sendArticle(arg, 221, false, true);
            case "ARTICLE" -> sendArticle(arg, 220, true, true);
            case "POST" -> {
                if (faults.refusePostCommand) {
                    reply("440 posting not allowed\r\n");
                    return;
                }
                reply("340 send article to be posted\r\n");
                readingArticle = true;
                article = ctx.alloc().heapBuffer();
                articleParser.beginBlock(340);
            }
            default -> reply("500 unknown command\r\n");
        }
    }

    private boolean stored(String id) {
        return !faults.missing.contains(id) && server.articles.containsKey(id);
    }

    private void authinfo(String kind, String value) {
        if (faults.user == null) {
            reply(kind.equalsIgnoreCase("USER") ? "281 no login needed\r\n" : "482 no login needed\r\n");
            return;
        }
        if (kind.equalsIgnoreCase("USER")) {
            pendingUser = value;
            reply("381 password required\r\n");
        } else if (kind.equalsIgnoreCase("PASS") && pendingUser != null) {
            if (pendingUser.equals(faults.user) && value.equals(faults.password)) {
                authenticated = true;
                reply("281 authentication accepted\r\n");
            } else {
                reply("481 authentication failed\r\n");
            }
            pendingUser = null;
        } else {
            reply("482 authentication commands issued out of sequence\r\n");
        }
    }

    private void sendArticle(String id, int code, boolean body, boolean head) {
        FakeNntpServer.Stored s = stored(id) ? server.articles.get(id) : null;
        if (s == null) {
            reply("430 no such article\r\n");
            return;
        }
        ByteBuf status = Unpooled.copiedBuffer(code + " 0 " + id + "\r\n", StandardCharsets.ISO_8859_1);
        ByteBuf block = Unpooled.wrappedBuffer(
                head ? Unpooled.wrappedBuffer(s.wireHead()) : Unpooled.EMPTY_BUFFER,
                head && body ? Unpooled.wrappedBuffer(new byte[] {'\r', '\n'}) : Unpooled.EMPTY_BUFFER,
                body ? Unpooled.wrappedBuffer(s.wireBody()) : Unpooled.EMPTY_BUFFER);
        if (faults.dropMidBody) {
            send(Unpooled.wrappedBuffer(status, block.retainedSlice(0, block.readableBytes() / 2)));
            block.release();
            closeAfterWrites();
            return;
        }
        send(Unpooled.wrappedBuffer(status, block, Unpooled.wrappedBuffer(new byte[] {'.', '\r', '\n'})));
    }

    @Override
    public void onStatus(int code, boolean multiLine, ByteBuf buf, int textIndex, int textLength) {
        throw new IllegalStateException("no status lines inside an article");
    }

    @Override
    public void onContent(ByteBuf buf, int index, int length) {
        if (!faults.acceptThenDrop || article.readableBytes() < 65_536) {
            article.writeBytes(buf, index, length);
        }
    }

    @Override
    public void onContentEnd() {
        readingArticle = false;
        byte[] bytes = new byte[article.readableBytes()];
        article.readBytes(bytes);
        article.release();
        article = null;
        posted(bytes);
    }

    private void posted(byte[] bytes) {
        int seq = server.postSequence.incrementAndGet();
        String id = messageId(bytes);
        if (id == null) {
            reply("441 no Message-ID header\r\n");
            return;
        }
        server.postCounts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (faults.rejectEveryNthPost > 0 && seq % faults.rejectEveryNthPost == 0) {
            reply("441 posting failed (injected)\r\n");
            return;
        }
        if (server.articles.containsKey(id)) {
            reply("441 435 Duplicate article\r\n");
            return;
        }
        if (faults.acceptThenDrop) {
            reply("240 article received ok\r\n");
            return;
        }
        server.store(id, bytes);
        if (faults.loseReplyAfterStore.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            closeAfterWrites();
            return;
        }
        reply("240 article received ok\r\n");
    }

    private static String messageId(byte[] article) {
        int end = FakeNntpServer.headerEnd(article);
        String head = new String(article, 0, end, StandardCharsets.ISO_8859_1);
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Message-ID")) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private void reply(String text) {
        send(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    private void writeNow(String text) {
        ctx.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    /** Writes through the fault model: latency, bandwidth pacing, and a byte budget before a drop. */
    private void send(ByteBuf data) {
        if (closing) {
            data.release();
            return;
        }
        long limit = faults.dropAfterBytes;
        if (limit > 0 && bytesSent + data.readableBytes() > limit) {
            int keep = (int) Math.max(0, limit - bytesSent);
            ByteBuf part = data.retainedSlice(data.readerIndex(), keep);
            data.release();
            bytesSent += keep;
            schedule(part, true);
            closeAfterWrites();
            return;
        }
        bytesSent += data.readableBytes();
        schedule(data, true);
    }

    private void schedule(ByteBuf data, boolean replyStart) {
        long latency = replyStart ? faults.latency.toNanos() : 0;
        long bandwidth = faults.bandwidthBytesPerSecond;
        if (latency == 0 && bandwidth == 0 && sendCursorNanos - System.nanoTime() <= 0) {
            ctx.writeAndFlush(data);
            return;
        }
        long now = System.nanoTime();
        long cursor = Math.max(now, sendCursorNanos) + latency;
        if (bandwidth == 0) {
            sendCursorNanos = cursor;
            ctx.executor().schedule(() -> ctx.writeAndFlush(data), cursor - now, TimeUnit.NANOSECONDS);
            return;
        }
        while (data.isReadable()) {
            int n = Math.min(16 * 1024, data.readableBytes());
            ByteBuf piece = data.readRetainedSlice(n);
            cursor += n * 1_000_000_000L / bandwidth;
            ctx.executor().schedule(() -> ctx.writeAndFlush(piece), cursor - now, TimeUnit.NANOSECONDS);
        }
        data.release();
        sendCursorNanos = cursor;
    }

    private void closeAfterWrites() {
        closing = true;
        long delay = Math.max(0, sendCursorNanos - System.nanoTime());
        ctx.executor().schedule(() -> ctx.writeAndFlush(Unpooled.EMPTY_BUFFER)
                .addListener(ChannelFutureListener.CLOSE), delay + 1_000_000, TimeUnit.NANOSECONDS);
    }
}
