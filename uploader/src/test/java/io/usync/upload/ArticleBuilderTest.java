package io.usync.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.usync.core.MessageId;
import io.usync.nntp.codec.DefaultLastNntpContent;
import io.usync.nntp.codec.NntpRequestEncoder;
import io.usync.segmenter.buffer.ArticleBuffers;
import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import io.usync.segmenter.yenc.YencPart;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArticleBuilderTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);

    static IntStream seeds() {
        return IntStream.range(0, 24).map(i -> 20261123 + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void articlesHaveNoLineStartingWithADotAndGoOutAsIfScanned(int seed) {
        System.out.println("ArticleBuilderTest seed " + seed);
        Random random = new Random(seed);
        int lineLength = 16 + random.nextInt(200);
        byte[] data = new byte[1 + random.nextInt(64 * 1024)];
        for (int i = 0; i < data.length; i++) {
            // Mostly dots and bytes yEnc escapes, so line-leading dots would be frequent if not escaped.
            int pick = random.nextInt(8);
            data[i] = (byte) (pick < 3 ? '.' - 42 : pick < 5 ? '.' : pick == 5 ? -42 : random.nextInt(256));
        }
        ArticleBuilder builder = new ArticleBuilder(new YencEncoder(new YencEncoderOptions(lineLength)),
                PooledByteBufAllocator.DEFAULT, clock);
        ArticleHeaders headers = new ArticleHeaders("poster <p@example.invalid>", "alt.binaries.test",
                "part " + seed, MessageId.parse("<a" + seed + "@news.invalid>"));
        ByteBuf article = builder.build(headers, YencPart.of("f.bin", 1, 1, data.length, 0, data.length),
                ByteBuffer.wrap(data)).article();
        try {
            byte[] bytes = ByteBufUtil.getBytes(article);
            assertNotEquals('.', bytes[0]);
            for (int i = 0; i + 1 < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    assertNotEquals('.', bytes[i + 1], "a line starts with a dot at " + (i + 1));
                }
            }
            byte[] marked = wire(article.retainedDuplicate());
            byte[] scanned = wire(Unpooled.wrappedBuffer(bytes));
            assertArrayEquals(scanned, marked);
            assertEquals(bytes.length + 3, marked.length);
        } finally {
            article.release();
        }
        assertEquals(0, article.refCnt());
    }

    @Test
    void aReleasedArticlesBufferIsReusedForTheNextArticleWithTheSameBytesAsAPooledOne() {
        Random random = new Random(20261124);
        byte[] first = new byte[716_800];
        byte[] second = new byte[716_800];
        random.nextBytes(first);
        random.nextBytes(second);
        YencEncoder encoder = new YencEncoder(new YencEncoderOptions(128));
        ArticleBuffers buffers = new ArticleBuffers(PooledByteBufAllocator.DEFAULT, 8L << 20);
        ArticleBuilder recycling = new ArticleBuilder(encoder, buffers, clock);
        ArticleBuilder pooled = new ArticleBuilder(encoder, PooledByteBufAllocator.DEFAULT, clock);
        ArticleHeaders headers = new ArticleHeaders("poster <p@example.invalid>", "alt.binaries.test", "part",
                MessageId.parse("<r@news.invalid>"));
        YencPart part = YencPart.of("f.bin", 1, 1, first.length, 0, first.length);

        ByteBuf a = recycling.build(headers, part, ByteBuffer.wrap(first)).article();
        assertSame(buffers, a.unwrap().alloc(), "an exact-size buffer of the recycling allocator, not its fallback's");
        long address = a.unwrap().memoryAddress();
        a.release();
        ByteBuf b = recycling.build(headers, part, ByteBuffer.wrap(second)).article();
        ByteBuf expected = pooled.build(headers, part, ByteBuffer.wrap(second)).article();
        try {
            assertEquals(address, b.unwrap().memoryAddress(), "the second article is built in the first one's buffer");
            assertArrayEquals(ByteBufUtil.getBytes(expected), ByteBufUtil.getBytes(b));
        } finally {
            b.release();
            expected.release();
        }
    }

    /** What the request encoder writes for {@code article} sent after POST's 340. */
    private static byte[] wire(ByteBuf article) {
        EmbeddedChannel channel = new EmbeddedChannel(new NntpRequestEncoder());
        channel.writeOutbound(new DefaultLastNntpContent(article));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf piece = channel.readOutbound(); piece != null; piece = channel.readOutbound()) {
            out.writeBytes(ByteBufUtil.getBytes(piece));
            piece.release();
        }
        channel.finishAndReleaseAll();
        return out.toByteArray();
    }
}
