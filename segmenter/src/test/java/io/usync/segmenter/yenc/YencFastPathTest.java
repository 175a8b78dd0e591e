package io.usync.segmenter.yenc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edges of the word-at-a-time paths: every special byte at every offset within a word, line
 * lengths that put the line break at every offset within a word, and chunk ends inside a word.
 */
class YencFastPathTest {

    /** Line lengths 16..40 move the line break (and the last column) through every offset within a word. */
    static IntStream lineLengths() {
        return IntStream.rangeClosed(16, 40);
    }

    static LongStream seeds() {
        return LongStream.range(0, 24).map(i -> 77 + i * 104_729);
    }

    private static byte[] decodeFast(byte[] article, int size, YencDecoderOptions options, int... splits) {
        // Room to spare, as with a pooled buffer: the fast path then runs right up to the =yend line.
        ByteBuffer dest = ByteBuffer.allocateDirect(size + 64);
        YencDecoder decoder = new YencDecoder(options, YencExpectation.none(), dest);
        int from = 0;
        for (int split : splits) {
            decoder.feed(ByteBuffer.allocateDirect(split - from).put(article, from, split - from).flip());
            from = split;
        }
        decoder.feed(ByteBuffer.wrap(article, from, article.length - from));
        YencResult result = decoder.finish();
        assertThat(result).isInstanceOf(YencResult.Decoded.class);
        assertThat(dest.position()).isEqualTo(size);
        byte[] back = new byte[size];
        dest.flip().get(back);
        return back;
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("lineLengths")
    void everySpecialByteAtEveryWordOffsetRoundTripsWhateverTheLineLength(int lineLength) {
        YencEncoderOptions options = new YencEncoderOptions(lineLength);
        YencEncoder encoder = new YencEncoder(options);
        ReferenceYencEncoder reference = new ReferenceYencEncoder(options);
        for (byte special : YencRoundTripTest.SPECIAL) {
            for (int position = 0; position < 3 * lineLength; position += 1) {
                byte[] data = new byte[3 * lineLength + 17];
                Arrays.fill(data, (byte) 0x17);
                data[position] = special;
                data[(position * 7 + 5) % data.length] = special; // a second one at another word offset
                YencPart part = YencPart.of("w", 1, 1, data.length, 0, data.length);
                ByteBuffer out = ByteBuffer.allocate((int) encoder.maxEncodedSize(part));
                encoder.encode(part, ByteBuffer.wrap(data), out);
                byte[] article = Arrays.copyOf(out.array(), out.position());
                assertThat(article).as("position %d", position).isEqualTo(reference.encode(part, data));
                int split = Math.min(article.length, 40 + position + lineLength / 2);
                assertThat(decodeFast(article, data.length, YencDecoderOptions.defaults(), split))
                        .as("position %d split %d", position, split).isEqualTo(data);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void specialHeavyDataMatchesTheReferenceAtEveryLineLengthAndChunking(long seed) {
        System.out.println("YencFastPathTest seed=" + seed);
        Random random = new Random(seed);
        int lineLength = 16 + random.nextInt(120);
        byte[] data = new byte[random.nextInt(3000)];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextInt(6) == 0
                    ? YencRoundTripTest.SPECIAL[random.nextInt(YencRoundTripTest.SPECIAL.length)]
                    : (byte) random.nextInt(256);
        }
        YencEncoderOptions options = new YencEncoderOptions(lineLength);
        YencPart part = YencPart.of("h", 1, 1, data.length, 0, data.length);
        YencEncoder encoder = new YencEncoder(options);
        ByteBuffer out = ByteBuffer.allocateDirect((int) encoder.maxEncodedSize(part));
        encoder.encode(part, ByteBuffer.allocateDirect(data.length).put(data).flip(), out);
        byte[] article = new byte[out.position()];
        out.flip().get(article);
        assertThat(article).isEqualTo(new ReferenceYencEncoder(options).encode(part, data));
        int[] splits = random.ints(random.nextInt(6), 0, article.length + 1).sorted().toArray();
        assertThat(decodeFast(article, data.length, YencDecoderOptions.defaults(), splits)).isEqualTo(data);
    }

    @Test
    void decodesEscapesAtLineStartsLoneCrAndBlankLinesAtEveryWordOffset() {
        Random random = new Random(5);
        for (int shift = 0; shift < 24; shift++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (int line = 0; line < 40; line++) {
                int length = shift + random.nextInt(30);
                for (int k = 0; k < length; k++) {
                    int kind = random.nextInt(12);
                    int value = random.nextInt(256);
                    if (kind == 0) {
                        // Any byte may be escaped, at a line start too, except 'y' there (a keyword line).
                        int escaped = (value + 42 + 64) & 0xFF;
                        if ((k == 0 && escaped == 'y') || escaped == '\r' || escaped == '\n') {
                            continue;
                        }
                        body.write('=');
                        body.write(escaped);
                        expected.write(value);
                    } else {
                        int c = (value + 42) & 0xFF;
                        if (c == '=' || c == '\r' || c == '\n') {
                            continue;
                        }
                        body.write(c);
                        expected.write(value);
                    }
                }
                body.writeBytes(random.nextInt(8) == 0 ? "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)
                        : "\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            byte[] data = expected.toByteArray();
            byte[] article = concat("=ybegin line=128 size=" + data.length + " name=s\r\n", body.toByteArray(),
                    "=yend size=" + data.length + " crc32=" + String.format("%08x", YencGoldenTest.crcOf(data)) + "\r\n");
            assertThat(decodeFast(article, data.length, YencDecoderOptions.defaults())).as("shift %d", shift).isEqualTo(data);
            assertThat(decodeFast(article, data.length, YencDecoderOptions.defaults(), article.length / 3, article.length / 2))
                    .as("shift %d in pieces", shift).isEqualTo(data);
            assertThat(new ReferenceYencDecoder().decode(article, YencExpectation.none()).data()).isEqualTo(data);
        }
    }

    @Test
    void unstuffsDotsAtLineStartsAtEveryWordOffsetOnlyWhenAsked() {
        for (int shift = 0; shift < 16; shift++) {
            StringBuilder body = new StringBuilder();
            ByteArrayOutputStream stuffed = new ByteArrayOutputStream();
            ByteArrayOutputStream unstuffed = new ByteArrayOutputStream();
            for (int line = 0; line < 12; line++) {
                String content = "abcdefghijklmnopqrstuvwxyz".substring(0, (shift + line) % 26);
                String text = (line % 3 == 0 ? ".." : "") + content;
                body.append(text).append("\r\n");
                for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
                    stuffed.write(b - 42);
                }
                for (byte b : (line % 3 == 0 ? "." + content : content).getBytes(StandardCharsets.US_ASCII)) {
                    unstuffed.write(b - 42);
                }
            }
            byte[] asIs = stuffed.toByteArray();
            byte[] dots = unstuffed.toByteArray();
            byte[] withoutUnstuffing = concat("=ybegin line=128 size=" + asIs.length + " name=d\r\n",
                    body.toString().getBytes(StandardCharsets.US_ASCII), "=yend size=" + asIs.length + "\r\n");
            byte[] withUnstuffing = concat("=ybegin line=128 size=" + dots.length + " name=d\r\n",
                    body.toString().getBytes(StandardCharsets.US_ASCII), "=yend size=" + dots.length + "\r\n");
            assertThat(decodeFast(withoutUnstuffing, asIs.length, YencDecoderOptions.defaults())).isEqualTo(asIs);
            assertThat(decodeFast(withUnstuffing, dots.length, new YencDecoderOptions(2048, true))).isEqualTo(dots);
        }
    }

    @Test
    void escapesLineBreaksAndLineStartsAtEveryLaneDecodeLikeTheReferenceAtEverySplit() {
        // The word path drops '=', CR and LF of a word at once and leaves a special last byte to
        // the next word; escaped '=' ("=="), a line starting with an escape and a blank line go to
        // the byte path. Each piece moves through every lane of a word, and the article is cut at
        // every byte of the body.
        for (int lead = 0; lead < 16; lead++) {
            for (int gap = 0; gap < 8; gap++) {
                String body = "a".repeat(lead) + "=}" + "b".repeat(gap) + "=J=M\r\n"
                        + "=@c" + "d".repeat(gap) + "==e=\u00ff\r\n\r\n"
                        + "f".repeat(gap + lead) + "\r\n";
                byte[] bodyBytes = body.getBytes(StandardCharsets.ISO_8859_1);
                byte[] expected = new ReferenceYencDecoder().decode(
                        concat("=ybegin line=128 size=0 name=e\r\n", bodyBytes, "=yend size=0\r\n"),
                        YencExpectation.none()).data();
                byte[] article = concat("=ybegin line=128 size=" + expected.length + " name=e\r\n", bodyBytes,
                        "=yend size=" + expected.length + "\r\n");
                assertThat(decodeFast(article, expected.length, YencDecoderOptions.defaults()))
                        .as("lead %d gap %d", lead, gap).isEqualTo(expected);
                int bodyStart = article.length - bodyBytes.length - ("=yend size=" + expected.length + "\r\n").length();
                for (int split = bodyStart; split <= bodyStart + bodyBytes.length; split++) {
                    assertThat(decodeFast(article, expected.length, YencDecoderOptions.defaults(), split))
                            .as("lead %d gap %d split %d", lead, gap, split).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("lineLengths")
    void runsOfCriticalBytesAcrossTheLastColumnEncodeLikeTheReference(int lineLength) {
        // Runs of bytes that all need escaping (one to nine long) at every position relative to the
        // last column: the word path stops at the first, and its overshoot is taken back.
        YencEncoderOptions options = new YencEncoderOptions(lineLength);
        YencEncoder encoder = new YencEncoder(options);
        for (int run = 1; run <= 9; run++) {
            for (int position = 0; position < 2 * lineLength; position++) {
                byte[] data = new byte[3 * lineLength];
                Arrays.fill(data, (byte) 0x41);
                for (int k = 0; k < run && position + k < data.length; k++) {
                    data[position + k] = YencRoundTripTest.SPECIAL[k % 4];
                }
                YencPart part = YencPart.of("r", 1, 1, data.length, 0, data.length);
                ByteBuffer out = ByteBuffer.allocate((int) encoder.maxEncodedSize(part));
                encoder.encode(part, ByteBuffer.wrap(data), out);
                assertThat(Arrays.copyOf(out.array(), out.position()))
                        .as("run %d at %d", run, position).isEqualTo(new ReferenceYencEncoder(options).encode(part, data));
            }
        }
    }

    private static byte[] concat(String head, byte[] body, String tail) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        all.writeBytes(body);
        all.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return all.toByteArray();
    }
}
