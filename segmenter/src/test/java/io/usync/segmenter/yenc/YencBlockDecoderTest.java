package io.usync.segmenter.yenc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder's block step against bodies written by hand: escapes (of any byte, '=' included)
 * and line breaks at every offset of a word and across block boundaries, lines starting with an
 * escape or a stuffed dot, blank lines and bare LF line ends, fed whole and split in two at every
 * offset, into a destination with room to spare and into one of exactly the data's size.
 */
class YencBlockDecoderTest {

    static LongStream seeds() {
        return LongStream.range(0, 6).map(i -> 31 + i * 7_919);
    }

    /** A body and the data it holds. */
    private record Body(byte[] article, byte[] data) {
    }

    private static Body body(long seed, boolean unstuffDots) {
        Random random = new Random(seed);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (data.size() < 3 * 8 * SwarBlockDecoder.WORDS + 500) {
            int length = random.nextInt(8) == 0 ? 100 + random.nextInt(200) : random.nextInt(40);
            for (int k = 0; k < length; k++) {
                int value = random.nextInt(256);
                int kind = random.nextInt(10);
                if (k == 0 && unstuffDots && kind == 0) {
                    text.writeBytes("..".getBytes(StandardCharsets.US_ASCII));
                    data.write('.' - 42);
                } else if (kind <= 2) {
                    int escaped = (value + 106) & 0xFF;
                    if (escaped == '\r' || escaped == '\n' || (k == 0 && escaped == 'y')) {
                        continue;
                    }
                    text.write('=');
                    text.write(escaped);
                    data.write(value);
                } else {
                    int c = (value + 42) & 0xFF;
                    if (c == '=' || c == '\r' || c == '\n' || (k == 0 && c == '.' && unstuffDots)) {
                        continue;
                    }
                    text.write(c);
                    data.write(value);
                }
            }
            int end = random.nextInt(10);
            text.writeBytes((end == 0 ? "\n" : end == 1 ? "\r\n\r\n" : "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        byte[] bytes = data.toByteArray();
        ByteArrayOutputStream article = new ByteArrayOutputStream();
        article.writeBytes(("=ybegin line=128 size=" + bytes.length + " name=b\r\n").getBytes(StandardCharsets.US_ASCII));
        article.writeBytes(text.toByteArray());
        article.writeBytes(("=yend size=" + bytes.length + " crc32="
                + String.format("%08x", YencGoldenTest.crcOf(bytes)) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Body(article.toByteArray(), bytes);
    }

    private static byte[] decode(byte[] article, int capacity, YencDecoderOptions options, int... splits) {
        ByteBuffer dest = ByteBuffer.allocateDirect(capacity);
        YencDecoder decoder = new YencDecoder(options, YencExpectation.none(), dest);
        int from = 0;
        for (int split : splits) {
            decoder.feed(ByteBuffer.allocateDirect(split - from).put(article, from, split - from).flip());
            from = split;
        }
        decoder.feed(ByteBuffer.allocateDirect(article.length - from).put(article, from, article.length - from).flip());
        assertThat(decoder.finish()).isInstanceOf(YencResult.Decoded.class);
        byte[] back = new byte[dest.position()];
        dest.flip().get(back);
        return back;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void decodesHandWrittenBodiesAtEverySplitLikeTheData(long seed) {
        System.out.println("YencBlockDecoderTest seed=" + seed);
        Body body = body(seed, false);
        assertThat(new ReferenceYencDecoder().decode(body.article(), YencExpectation.none()).data()).isEqualTo(body.data());
        int size = body.data().length;
        assertThat(decode(body.article(), size, YencDecoderOptions.defaults())).isEqualTo(body.data());
        for (int split = 0; split <= body.article().length; split++) {
            assertThat(decode(body.article(), size + 64, YencDecoderOptions.defaults(), split))
                    .as("seed %d split %d", seed, split).isEqualTo(body.data());
        }
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            int a = random.nextInt(body.article().length + 1);
            int b = a + random.nextInt(body.article().length - a + 1);
            assertThat(decode(body.article(), size, YencDecoderOptions.defaults(), a, b))
                    .as("seed %d splits %d %d", seed, a, b).isEqualTo(body.data());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void unstuffsDotsInHandWrittenBodiesAtEverySplit(long seed) {
        System.out.println("YencBlockDecoderTest dots seed=" + seed);
        Body body = body(seed, true);
        YencDecoderOptions dots = new YencDecoderOptions(2048, true);
        int size = body.data().length;
        assertThat(decode(body.article(), size, dots)).isEqualTo(body.data());
        for (int split = 0; split <= body.article().length; split += 1) {
            assertThat(decode(body.article(), size + 64, dots, split))
                    .as("seed %d split %d", seed, split).isEqualTo(body.data());
        }
    }
}
