package io.usync.nntp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArticleStuffingTest {

    private static String encode(String... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new NntpRequestEncoder());
        for (int i = 0; i < chunks.length; i++) {
            ByteBuf data = Unpooled.copiedBuffer(chunks[i], StandardCharsets.ISO_8859_1);
            ch.writeOutbound(i == chunks.length - 1 ? new DefaultLastNntpContent(data) : new DefaultNntpContent(data));
        }
        String out = NntpClientCodecTest.outbound(ch);
        ch.finishAndReleaseAll();
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a\\r\\nb\\r\\n|a\\r\\nb\\r\\n.\\r\\n",
        ".a\\r\\n|..a\\r\\n.\\r\\n",
        "a\\r\\n.\\r\\n..\\r\\n|a\\r\\n..\\r\\n...\\r\\n.\\r\\n",
        "no final crlf|no final crlf\\r\\n.\\r\\n",
        "x.y\\r\\n|x.y\\r\\n.\\r\\n"})
    void stuffsLineLeadingDotsAndTerminatesGoldenVectors(String input, String expected) {
        assertThat(encode(unescape(input))).isEqualTo(unescape(expected));
    }

    @org.junit.jupiter.api.Test
    void stuffsDotsAtChunkBoundaries() {
        assertThat(encode("a\r\n", ".b\r\n", "c\r", "\n.", "d")).isEqualTo("a\r\n..b\r\nc\r\n..d\r\n.\r\n");
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 42L, 20261122L})
    void roundTripsRandomArticlesThroughStuffingAndUnstuffing(long seed) {
        System.out.println("ArticleStuffingTest seed=" + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 50; round++) {
            StringBuilder body = new StringBuilder();
            int lines = random.nextInt(20);
            for (int l = 0; l < lines; l++) {
                int len = random.nextInt(12);
                for (int i = 0; i < len; i++) {
                    body.append(".ab\r\n=".charAt(random.nextInt(4)) == '\r' ? '.' : ".abz".charAt(random.nextInt(4)));
                }
                body.append("\r\n");
            }
            String article = body.toString();
            List<String> chunks = new ArrayList<>();
            int pos = 0;
            while (pos < article.length()) {
                int n = 1 + random.nextInt(7);
                chunks.add(article.substring(pos, Math.min(article.length(), pos + n)));
                pos += n;
            }
            if (chunks.isEmpty()) {
                chunks.add("");
            }
            String wire = encode(chunks.toArray(String[]::new));
            String decoded = decodeBlock(wire, random);
            assertThat(decoded).as("seed %d round %d", seed, round).isEqualTo(article);
        }
    }

    /** Decodes a dot-terminated block fed in random pieces; returns the unstuffed content. */
    private static String decodeBlock(String wire, Random random) {
        return decodeBlock(wire, random, new NntpCodecOptions(64, 64), Unpooled.buffer(), 9);
    }

    /**
     * Large blocks in pieces of up to 4 KiB through a direct cumulation, where the parser hands its
     * search for line-leading dots to the options' scanner (here the Java one, counted).
     */
    @ParameterizedTest
    @ValueSource(longs = {5L, 77L})
    void theParserSearchesNativeMemoryWithTheOptionsScanner(long seed) {
        Random random = new Random(seed);
        StringBuilder body = new StringBuilder();
        for (int l = 0; l < 400; l++) {
            body.append(random.nextInt(8) == 0 ? "." : "").append("y".repeat(random.nextInt(130))).append("\r\n");
        }
        String article = body.toString();
        int[] calls = new int[1];
        LfDotScanner counted = (address, from, to) -> {
            calls[0]++;
            return DotLines.SWAR.indexOfLfDot(address, from, to);
        };
        NntpCodecOptions options = new NntpCodecOptions(4096, 1024).withLfDotScanner(counted);

        String decoded = decodeBlock(encode(article), random, options, Unpooled.directBuffer(), 4096);

        assertThat(decoded).isEqualTo(article);
        assertThat(calls[0]).isGreaterThan(article.length() / 1024);
    }

    private static String decodeBlock(String wire, Random random, NntpCodecOptions options, ByteBuf cumulation,
            int maxPiece) {
        StringBuilder out = new StringBuilder();
        boolean[] ended = new boolean[1];
        NntpReplyParser parser = new NntpReplyParser(options, new NntpFraming() {
            @Override
            public boolean isMultiLine(int code) {
                return false;
            }

            @Override
            public void onReplyComplete(int code) {
            }
        });
        parser.beginBlock(240);
        NntpResponseSink sink = new NntpResponseSink() {
            @Override
            public void onStatus(int code, boolean multiLine, ByteBuf buf, int textIndex, int textLength) {
                throw new AssertionError("no status expected");
            }

            @Override
            public void onContent(ByteBuf buf, int index, int length) {
                out.append(buf.toString(index, length, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void onContentEnd() {
                ended[0] = true;
            }
        };
        int pos = 0;
        while (pos < wire.length()) {
            int n = 1 + random.nextInt(maxPiece);
            cumulation.writeCharSequence(wire.substring(pos, Math.min(wire.length(), pos + n)), StandardCharsets.ISO_8859_1);
            pos += n;
            parser.parse(cumulation, sink);
            cumulation.discardReadBytes();
        }
        assertThat(ended[0]).isTrue();
        assertThat(cumulation.readableBytes()).isZero();
        cumulation.release();
        return out.toString();
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}
