package io.usync.segmenter.yenc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder's hand-over from whole-word lines to the byte-at-a-time part end: every special byte
 * at every position near that boundary, for part sizes that move the boundary through every column
 * and word offset, and long parts with few or no escapes (text, zeros), all against the reference.
 */
class YencEncoderPartEndTest {

    static LongStream seeds() {
        return LongStream.range(0, 25).map(i -> 31_337 + i * 15_485_863L);
    }

    @Test
    void everyPartSizeAroundTheHandOverWithoutEscapesMatchesTheReference() {
        for (int lineLength : new int[] {16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 64, 127, 128, 131}) {
            YencEncoderOptions options = new YencEncoderOptions(lineLength);
            ReferenceYencEncoder reference = new ReferenceYencEncoder(options);
            for (int size = 1; size < 4 * lineLength + 48; size++) {
                byte[] data = new byte[size];
                Arrays.fill(data, (byte) 0x41);
                YencPart part = YencPart.of("n.bin", 1, 1, size, 0, size);
                assertThat(encodeFast(options, part, data, true))
                        .as("line %d size %d", lineLength, size).isEqualTo(reference.encode(part, data));
            }
        }
    }

    private static byte[] encodeFast(YencEncoderOptions options, YencPart part, byte[] data, boolean direct) {
        YencEncoder encoder = new YencEncoder(options);
        ByteBuffer in = direct ? ByteBuffer.allocateDirect(data.length).put(data).flip() : ByteBuffer.wrap(data);
        ByteBuffer out = ByteBuffer.allocate((int) encoder.maxEncodedSize(part));
        YencEncoded encoded = encoder.encode(part, in, out);
        assertThat(encoded.encodedBytes()).isEqualTo(out.position());
        return Arrays.copyOf(out.array(), out.position());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void specialBytesAroundTheLastWholeWordLineMatchTheReference(long seed) {
        System.out.println("YencEncoderPartEndTest seed=" + seed);
        Random random = new Random(seed);
        int lineLength = 16 + (int) (seed % 25);
        YencEncoderOptions options = new YencEncoderOptions(lineLength);
        ReferenceYencEncoder reference = new ReferenceYencEncoder(options);
        for (int size = 2 * lineLength; size < 4 * lineLength + 48; size++) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            // Specials (or none, so lines start at whole multiples of the line length) all through the
            // last stretch, where the word lines hand over to the byte loop.
            int density = random.nextInt(4);
            for (int k = Math.max(0, size - lineLength - 40); k < size; k++) {
                if (density > 0 && random.nextInt(density * 2) == 0) {
                    data[k] = YencRoundTripTest.SPECIAL[random.nextInt(YencRoundTripTest.SPECIAL.length)];
                }
            }
            YencPart part = YencPart.of("e.bin", 1, 1, size, 0, size);
            assertThat(encodeFast(options, part, data, random.nextBoolean()))
                    .as("line %d size %d", lineLength, size).isEqualTo(reference.encode(part, data));
        }
    }

    @Test
    void oneSpecialByteAtEveryPositionOfThePartEndMatchesTheReference() {
        for (int lineLength : new int[] {16, 29, 128}) {
            YencEncoderOptions options = new YencEncoderOptions(lineLength);
            ReferenceYencEncoder reference = new ReferenceYencEncoder(options);
            int size = 3 * lineLength + 40;
            for (byte special : YencRoundTripTest.SPECIAL) {
                for (int position = size - lineLength - 48; position < size; position++) {
                    byte[] data = new byte[size];
                    Arrays.fill(data, (byte) 0x41);
                    data[position] = special;
                    YencPart part = YencPart.of("p.bin", 1, 1, size, 0, size);
                    assertThat(encodeFast(options, part, data, false))
                            .as("line %d position %d", lineLength, position).isEqualTo(reference.encode(part, data));
                }
            }
        }
    }

    @Test
    void longPartsWithFewOrNoEscapesMatchTheReference() {
        YencEncoderOptions options = YencEncoderOptions.defaults();
        ReferenceYencEncoder reference = new ReferenceYencEncoder(options);
        byte[] text = "The quick brown fox jumps over the lazy dog.\n\t0123456789 ~!@#$%^&*()_+ "
                .repeat(2_000).getBytes(StandardCharsets.US_ASCII);
        byte[] zeros = new byte[100_003];
        byte[] sparse = new byte[100_005];
        Random random = new Random(11);
        for (int k = 0; k < sparse.length; k += 1 + random.nextInt(400)) {
            sparse[k] = YencRoundTripTest.SPECIAL[random.nextInt(YencRoundTripTest.SPECIAL.length)];
        }
        for (byte[] data : new byte[][] {text, zeros, sparse}) {
            YencPart part = YencPart.of("t.txt", 2, 3, 10L * data.length, data.length, data.length);
            assertThat(encodeFast(options, part, data, true)).isEqualTo(reference.encode(part, data));
        }
    }
}
