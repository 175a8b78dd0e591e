package io.usync.segmenter.yenc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded comparisons of the word-at-a-time codec with the reference codec over adversarial data,
 * with the input starting at every offset within a word (heap and direct buffers) and, for the
 * decoder, fed in two chunks split at every position.
 */
class YencAlignmentTest {

    static LongStream seeds() {
        return LongStream.range(0, 12).map(i -> 4242 + i * 65_537);
    }

    /** Mostly bytes that encode to NUL, LF, CR, '=', TAB, SPACE or '.', the rest random. */
    private static byte[] adversarial(Random random, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = random.nextInt(3) == 0 ? (byte) random.nextInt(256)
                    : YencRoundTripTest.SPECIAL[random.nextInt(YencRoundTripTest.SPECIAL.length)];
        }
        return data;
    }

    /** {@code bytes} placed at {@code offset} of a larger buffer (heap or direct) and sliced there. */
    private static ByteBuffer at(byte[] bytes, int from, int length, int offset, boolean direct) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(offset + length + 8) : ByteBuffer.allocate(offset + length + 8);
        b.position(offset).put(bytes, from, length);
        return b.slice(offset, length);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void encoderMatchesTheReferenceAtEveryInputAlignment(long seed) {
        System.out.println("YencAlignmentTest encoder seed=" + seed);
        Random random = new Random(seed);
        int lineLength = 16 + random.nextInt(130);
        byte[] data = adversarial(random, 1 + random.nextInt(1500));
        YencEncoderOptions options = new YencEncoderOptions(lineLength);
        YencPart part = YencPart.of("a", 1, 1, data.length, 0, data.length);
        byte[] expected = new ReferenceYencEncoder(options).encode(part, data);
        YencEncoder encoder = new YencEncoder(options);
        for (int offset = 0; offset < 8; offset++) {
            for (boolean direct : new boolean[] {false, true}) {
                ByteBuffer out = ByteBuffer.allocate((int) encoder.maxEncodedSize(part));
                encoder.encode(part, at(data, 0, data.length, offset, direct), out);
                assertThat(Arrays.copyOf(out.array(), out.position()))
                        .as("line %d offset %d direct %s", lineLength, offset, direct).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void decoderMatchesTheReferenceOnHostileBodiesAtEveryAlignmentAndSplit(long seed) {
        System.out.println("YencAlignmentTest decoder seed=" + seed);
        Random random = new Random(seed);
        byte[] body = hostileBody(random);
        byte[] article = concat("=ybegin line=128 size=999 name=h\r\n", body, "=yend size=999\r\n");
        byte[] expected = new ReferenceYencDecoder().decode(article, YencExpectation.none()).data();
        for (int split = 0; split <= article.length; split++) {
            int offset = split % 8;
            boolean direct = (split / 8) % 2 == 0;
            ByteBuffer dest = ByteBuffer.allocate(expected.length + 64);
            YencDecoder decoder = new YencDecoder(YencDecoderOptions.defaults(), YencExpectation.none(), dest);
            decoder.feed(at(article, 0, split, offset, direct));
            decoder.feed(at(article, split, article.length - split, 7 - offset, !direct));
            decoder.finish();
            assertThat(Arrays.copyOf(dest.array(), dest.position()))
                    .as("seed %d split %d offset %d", seed, split, offset).isEqualTo(expected);
        }
    }

    /**
     * Lines of escapes of any byte (also '=' itself, and at line starts), dangling '=' before the
     * line end, runs of '=', bytes that decode to anything, blank lines; never a lone CR (which the
     * reference keeps as data and a streaming decoder drops) nor "=y" at a line start (a keyword line).
     */
    private static byte[] hostileBody(Random random) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int lines = 4 + random.nextInt(20);
        for (int line = 0; line < lines; line++) {
            int length = random.nextInt(random.nextBoolean() ? 12 : 140);
            boolean start = true;
            for (int k = 0; k < length; k++) {
                int kind = random.nextInt(6);
                if (kind == 0 || kind == 1) {
                    int escaped;
                    do {
                        escaped = kind == 0 ? '=' + random.nextInt(3) : random.nextInt(256);
                    } while (escaped == '\r' || escaped == '\n' || (start && escaped == 'y'));
                    body.write('=');
                    body.write(escaped);
                } else {
                    int c;
                    do {
                        c = random.nextInt(256);
                    } while (c == '=' || c == '\r' || c == '\n');
                    body.write(c);
                }
                start = false;
            }
            if (random.nextInt(8) == 0) {
                body.write('='); // a dangling escape: dropped at the line end
            }
            body.writeBytes(random.nextInt(10) == 0 ? "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)
                    : "\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return body.toByteArray();
    }

    private static byte[] concat(String head, byte[] body, String tail) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        all.writeBytes(body);
        all.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return all.toByteArray();
    }
}
