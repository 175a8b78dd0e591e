package io.usync.segmenter.yenc;

import io.netty.buffer.Unpooled;
import io.usync.core.ByteRange;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class YencDecoderTest {

    private static final YencEncoderOptions SHORT_LINES = new YencEncoderOptions(16);

    private static byte[] sample(int size, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = random.nextInt(3) == 0 ? YencRoundTripTest.SPECIAL[random.nextInt(YencRoundTripTest.SPECIAL.length)]
                    : (byte) random.nextInt(256);
        }
        return data;
    }

    private static byte[] article(YencPart part, byte[] data) {
        return new ReferenceYencEncoder(SHORT_LINES).encode(part, data);
    }

    private static YencResult decode(byte[] article, YencExpectation expectation, ByteBuffer dest, int... splits) {
        YencDecoder decoder = new YencDecoder(YencDecoderOptions.defaults(), expectation, dest);
        int from = 0;
        for (int split : splits) {
            decoder.feed(ByteBuffer.wrap(article, from, split - from));
            from = split;
        }
        decoder.feed(Unpooled.wrappedBuffer(article, from, article.length - from));
        return decoder.finish();
    }

    @Test
    void decodesTheSameWhateverTheSplitPoint() {
        byte[] data = sample(90, 7);
        YencPart part = YencPart.of("split", 2, 5, 500, 100, data.length);
        byte[] article = article(part, data);
        for (int split = 0; split <= article.length; split++) {
            ByteBuffer dest = ByteBuffer.allocate(data.length);
            YencResult result = decode(article, YencExpectation.of(2, new ByteRange(100, 90), 500), dest, split);
            assertThat(result).as("split at %d", split).isInstanceOf(YencResult.Decoded.class);
            assertThat(dest.array()).as("split at %d", split).isEqualTo(data);
        }
    }

    @Test
    void decodesTheSameWhenFedOneByteAtATimeOrInThreePieces() {
        byte[] data = sample(300, 11);
        YencPart part = YencPart.of("bytes", 1, 1, 300, 0, 300);
        byte[] article = article(part, data);
        int[] every = new int[article.length];
        for (int i = 0; i < every.length; i++) {
            every[i] = i;
        }
        ByteBuffer dest = ByteBuffer.allocate(300);
        assertThat(decode(article, YencExpectation.none(), dest, every)).isInstanceOf(YencResult.Decoded.class);
        assertThat(dest.array()).isEqualTo(data);
        Random random = new Random(99);
        for (int round = 0; round < 300; round++) {
            int a = random.nextInt(article.length);
            int b = a + random.nextInt(article.length - a + 1);
            ByteBuffer d = ByteBuffer.allocate(300);
            assertThat(decode(article, YencExpectation.none(), d, a, b)).isInstanceOf(YencResult.Decoded.class);
            assertThat(d.array()).isEqualTo(data);
        }
    }

    @Test
    void reportsACrcMismatchWhenADataByteChanged() {
        byte[] data = sample(40, 3);
        byte[] article = article(YencPart.of("c", 1, 1, 40, 0, 40), data);
        int dataStart = new String(article, StandardCharsets.ISO_8859_1).indexOf("\r\n=ypart") + 2;
        dataStart = new String(article, StandardCharsets.ISO_8859_1).indexOf("\r\n", dataStart) + 2;
        article[dataStart + 3] = (byte) (article[dataStart + 3] == 'a' ? 'b' : 'a');
        if (article[dataStart + 2] == '=') {
            article[dataStart + 2] = 'q';
        }
        YencResult result = decode(article, YencExpectation.none(), ByteBuffer.allocate(64));
        assertThat(result).isInstanceOfAny(YencResult.CrcMismatch.class, YencResult.Invalid.class);
    }

    @Test
    void reportsIncompleteWhenTheEndLineIsMissing() {
        byte[] data = sample(100, 5);
        byte[] article = article(YencPart.of("t", 1, 1, 100, 0, 100), data);
        String text = new String(article, StandardCharsets.ISO_8859_1);
        byte[] cut = Arrays.copyOf(article, text.indexOf("=yend"));
        assertThat(decode(cut, YencExpectation.none(), ByteBuffer.allocate(100))).isInstanceOf(YencResult.Incomplete.class);
    }

    @Test
    void reportsNotYencForPlainText() {
        byte[] text = "Hello\r\nthis is not yEnc\r\n=yend size=3\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(decode(text, YencExpectation.none(), ByteBuffer.allocate(10))).isEqualTo(new YencResult.NotYenc());
    }

    @Test
    void reportsInvalidWhenThePartContradictsTheExpectation() {
        byte[] data = sample(20, 9);
        byte[] article = article(YencPart.of("x", 3, 4, 100, 40, 20), data);
        assertThat(decode(article, YencExpectation.of(2, new ByteRange(40, 20), 100), ByteBuffer.allocate(20)))
                .isInstanceOf(YencResult.Invalid.class);
        assertThat(decode(article, YencExpectation.of(3, new ByteRange(60, 20), 100), ByteBuffer.allocate(20)))
                .isInstanceOf(YencResult.Invalid.class);
        assertThat(decode(article, YencExpectation.of(3, new ByteRange(40, 20), 101), ByteBuffer.allocate(20)))
                .isInstanceOf(YencResult.Invalid.class);
        assertThat(decode(article, YencExpectation.of(3, new ByteRange(40, 20), 100), ByteBuffer.allocate(20)))
                .isInstanceOf(YencResult.Decoded.class);
    }

    @Test
    void reportsInvalidInsteadOfOverflowingASmallDestination() {
        byte[] data = sample(50, 13);
        byte[] article = article(YencPart.of("o", 1, 1, 50, 0, 50), data);
        ByteBuffer dest = ByteBuffer.allocate(64).limit(30);
        YencResult result = decode(article, YencExpectation.none(), dest);
        assertThat(result).isInstanceOf(YencResult.Invalid.class);
        assertThat(dest.position()).isEqualTo(30);
        assertThat(dest.array()[30]).isZero();
    }

    @Test
    void reportsInvalidWhenTheEndSizeDisagreesWithTheData() {
        String article = "=ybegin part=1 total=1 line=128 size=3 name=a\r\n=ypart begin=1 end=3\r\nkkkk\r\n"
                + "=yend size=3 part=1\r\n";
        assertThat(decode(article.getBytes(StandardCharsets.US_ASCII), YencExpectation.none(), ByteBuffer.allocate(8)))
                .isInstanceOf(YencResult.Invalid.class);
    }

    @Test
    void unstuffsLeadingDoubleDotsOnlyWhenAsked() {
        String article = "=ybegin line=128 size=2 name=a\r\n..k\r\n=yend size=2\r\n";
        byte[] bytes = article.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer dest = ByteBuffer.allocate(4);
        YencDecoder decoder = new YencDecoder(new YencDecoderOptions(2048, true), YencExpectation.none(), dest);
        for (byte b : bytes) {
            decoder.feed(ByteBuffer.wrap(new byte[] {b}));
        }
        assertThat(decoder.finish()).isInstanceOf(YencResult.Decoded.class);
        assertThat(Arrays.copyOf(dest.array(), 2)).containsExactly(0x04, 0x41);
        assertThat(decode(bytes, YencExpectation.none(), ByteBuffer.allocate(4))).isInstanceOf(YencResult.Invalid.class);
    }

    @Test
    void acceptsAnEscapeBeforeAnyCharacterAndIgnoresGarbageBeforeTheHeader() {
        String article = "X-Junk: before\r\n\r\n=ybegin line=128 size=2 name=a\r\n=k=n\r\n=yend size=2\r\n";
        ByteBuffer dest = ByteBuffer.allocate(2);
        assertThat(decode(article.getBytes(StandardCharsets.US_ASCII), YencExpectation.none(), dest))
                .isInstanceOf(YencResult.Decoded.class);
        assertThat(dest.array()).containsExactly((byte) ('k' - 64 - 42), (byte) ('n' - 64 - 42));
    }
}
