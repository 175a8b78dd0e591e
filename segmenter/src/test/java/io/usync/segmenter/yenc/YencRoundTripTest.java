package io.usync.segmenter.yenc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.usync.core.ByteRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeded property tests: the fast codec agrees with the reference codec and round-trips any data. */
class YencRoundTripTest {

    /** Inputs whose encoded form is NUL, LF, CR, '=', TAB, SPACE or '.', the bytes the rules treat specially. */
    static final byte[] SPECIAL = {(byte) 0xD6, (byte) 0xE0, (byte) 0xE3, 0x13, (byte) 0xDF, (byte) 0xF6, 0x04};

    static LongStream seeds() {
        return LongStream.range(0, 40).map(i -> 1000 + i * 7919);
    }

    static byte[] randomData(Random random) {
        int size = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(20);
            case 1 -> random.nextInt(400);
            default -> random.nextInt(20_000);
        };
        byte[] data = new byte[size];
        int mode = random.nextInt(3);
        for (int i = 0; i < size; i++) {
            data[i] = switch (mode) {
                case 0 -> (byte) random.nextInt(256);
                case 1 -> SPECIAL[random.nextInt(SPECIAL.length)];
                default -> random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : (byte) random.nextInt(256);
            };
        }
        return data;
    }

    static int lineLength(Random random) {
        int[] lengths = {16, 17, 64, 128, 128, 128, 131, 997};
        return lengths[random.nextInt(lengths.length)];
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fastEncoderMatchesReferenceAndRoundTrips(long seed) {
        System.out.println("YencRoundTripTest seed=" + seed);
        Random random = new Random(seed);
        byte[] data = randomData(random);
        int lineLength = lineLength(random);
        long offset = random.nextInt(1000);
        YencPart part = YencPart.of("f" + seed + ".bin", 3, 9, offset + data.length + random.nextInt(10), offset, data.length);
        YencEncoderOptions options = new YencEncoderOptions(lineLength);
        YencEncoder encoder = new YencEncoder(options);

        ByteBuf out = random.nextBoolean() ? PooledByteBufAllocator.DEFAULT.directBuffer(16) : Unpooled.buffer(16);
        try {
            ByteBuffer input = random.nextBoolean() ? ByteBuffer.wrap(data)
                    : ByteBuffer.allocateDirect(data.length).put(data).flip();
            YencEncoded encoded = encoder.encode(part, input, out);
            byte[] article = new byte[out.readableBytes()];
            out.getBytes(out.readerIndex(), article);
            assertThat(article).isEqualTo(new ReferenceYencEncoder(options).encode(part, data));
            assertThat(encoded.encodedBytes()).isEqualTo(article.length).isLessThanOrEqualTo((int) encoder.maxEncodedSize(part));
            assertThat(encoded.partCrc32()).isEqualTo(YencGoldenTest.crcOf(data));
            YencArticleRules.assertWellFormed(article, lineLength);

            ByteBuffer dest = random.nextBoolean() ? ByteBuffer.allocate(data.length) : ByteBuffer.allocateDirect(data.length);
            YencDecoder decoder = new YencDecoder(YencDecoderOptions.defaults(),
                    YencExpectation.of(3, new ByteRange(offset, data.length), part.fileSize()), dest);
            decoder.feed(out);
            YencResult result = decoder.finish();
            assertThat(result).isInstanceOf(YencResult.Decoded.class);
            assertThat(((YencResult.Decoded) result).range()).isEqualTo(new ByteRange(offset, data.length));
            byte[] back = new byte[data.length];
            dest.flip().get(back);
            assertThat(back).isEqualTo(data);
            ReferenceYencDecoder.Output reference = new ReferenceYencDecoder().decode(article, YencExpectation.none());
            assertThat(reference.result()).isEqualTo(result);
            assertThat(reference.data()).isEqualTo(data);
        } finally {
            out.release();
        }
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("lineLengths")
    void everySpecialByteAtEveryColumnAndAsLastByteMatchesReference(int lineLength) {
        YencEncoderOptions options = new YencEncoderOptions(lineLength);
        YencEncoder encoder = new YencEncoder(options);
        ReferenceYencEncoder reference = new ReferenceYencEncoder(options);
        for (byte special : SPECIAL) {
            for (int position = 0; position < 2 * lineLength + 3; position++) {
                for (int size : new int[] {position + 1, position + 9, 3 * lineLength}) {
                    byte[] data = new byte[Math.max(size, position + 1)];
                    java.util.Arrays.fill(data, (byte) 0x17);
                    data[position] = special;
                    if (position > 0) {
                        data[position - 1] = (byte) 0xD6; // an escape just before shifts the column by one
                    }
                    YencPart part = YencPart.of("s", 1, 1, data.length, 0, data.length);
                    ByteBuffer out = ByteBuffer.allocate((int) encoder.maxEncodedSize(part));
                    encoder.encode(part, ByteBuffer.wrap(data), out);
                    byte[] article = java.util.Arrays.copyOf(out.array(), out.position());
                    assertThat(article).isEqualTo(reference.encode(part, data));
                    YencArticleRules.assertWellFormed(article, lineLength);
                    assertThat(new ReferenceYencDecoder().decode(article, YencExpectation.none()).data()).isEqualTo(data);
                }
            }
        }
    }

    static int[] lineLengths() {
        return new int[] {16, 17, 128};
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("lineLengths")
    void allEscapedDataFitsTheWorstCaseSize(int lineLength) {
        YencEncoder encoder = new YencEncoder(new YencEncoderOptions(lineLength));
        for (int size : new int[] {1, 2, 15, 16, 17, 1000, 716_800}) {
            byte[] data = new byte[size];
            java.util.Arrays.fill(data, (byte) 0xD6);
            YencPart part = YencPart.of("worst", 1, 1, size, 0, size);
            ByteBuffer out = ByteBuffer.allocate((int) encoder.maxEncodedSize(part));
            encoder.encode(part, ByteBuffer.wrap(data), out);
            assertThat(out.position()).isLessThanOrEqualTo(out.capacity());
        }
    }
}
