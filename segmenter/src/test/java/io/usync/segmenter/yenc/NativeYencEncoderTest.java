package io.usync.segmenter.yenc;

import io.usync.core.ByteRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The native body encoder against the Java one ({@link YencEncoder#encodeBody}) and the reference:
 * byte-identical output for random and adversarial data (every special byte at every column, runs
 * of criticals across the last column), every line length 16..200, small and whole-article parts,
 * any input/output memory kind, never a byte written past the output; plus decoder round trips.
 * Skipped with the loader's reason when the library is absent, failed instead under {@code CI=true}.
 */
class NativeYencEncoderTest {

    /** Raw bytes that encode to NUL, LF, CR, '=', TAB, SPACE and '.'. */
    private static final byte[] SPECIAL = YencRoundTripTest.SPECIAL;
    private static final byte GUARD = (byte) 0xA5;

    @BeforeAll
    static void requireNativeKernel() {
        NativeRequired.check(NativeYencEncoder.available(), "native yEnc encoder", "usync_yenc_encode");
    }

    static LongStream seeds() {
        return LongStream.range(0, 5).map(i -> 0x5EED_0000L + i * 7_919L);
    }

    static IntStream lineLengths() {
        return IntStream.of(16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 200);
    }

    /** Java encodeBody output (it may scribble up to 8 bytes past its end, so it gets room). */
    private static byte[] javaBody(byte[] data, int lineLength) {
        MemorySegment out = MemorySegment.ofArray(new byte[2 * data.length + 4 * (data.length / lineLength + 2) + 64]);
        long end = YencEncoder.encodeBody(MemorySegment.ofArray(data), out, 0, lineLength);
        return out.asSlice(0, end).toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * Native output into an output exactly as long as the expected bytes after a random offset,
     * guarded on both sides: asserts the returned end and that no guard byte changed.
     */
    private static void assertNativeMatches(byte[] data, int lineLength, byte[] expected, Random random, String what) {
        int offset = random.nextInt(9);
        byte[] out = new byte[offset + expected.length + 128];
        Arrays.fill(out, GUARD);
        MemorySegment whole = MemorySegment.ofArray(out);
        long end = NativeYencEncoder.encodeBody(MemorySegment.ofArray(data), whole.asSlice(0, offset + expected.length),
                offset, lineLength);
        assertThat(end).as(what).isEqualTo(offset + expected.length);
        assertThat(Arrays.copyOfRange(out, offset, offset + expected.length)).as(what).isEqualTo(expected);
        assertThat(firstChanged(out, 0, offset)).as("%s: a byte before the output changed", what).isEqualTo(-1);
        assertThat(firstChanged(out, offset + expected.length, out.length)).as("%s: a byte past the output changed", what).isEqualTo(-1);
    }

    /** The index of the first byte in [from, to) that is not the guard, or -1. */
    private static int firstChanged(byte[] bytes, int from, int to) {
        for (int k = from; k < to; k++) {
            if (bytes[k] != GUARD) {
                return k;
            }
        }
        return -1;
    }

    private static byte[] randomData(Random random, int size, int mode) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        for (int k = 0; k < size; k++) {
            boolean special = switch (mode) {
                case 0 -> false;
                case 1 -> true;
                case 2 -> random.nextInt(4) == 0;
                default -> random.nextInt(24) == 0;
            };
            if (special) {
                data[k] = SPECIAL[random.nextInt(SPECIAL.length)];
            }
        }
        return data;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyLineLengthAndSmallSizeMatchesTheJavaEncoderAndTheReference(long seed) {
        System.out.println("NativeYencEncoderTest seed=" + seed);
        Random random = new Random(seed);
        for (int lineLength = 16; lineLength <= 200; lineLength++) {
            ReferenceYencEncoder reference = new ReferenceYencEncoder(new YencEncoderOptions(lineLength));
            int maxSize = 3 * lineLength + 17;
            for (int size = 0; size <= maxSize; size += 1 + random.nextInt(8)) {
                int mode = random.nextInt(4);
                byte[] data = randomData(random, size, mode);
                byte[] expected = javaBody(data, lineLength);
                assertNativeMatches(data, lineLength, expected, random, "line " + lineLength + " size " + size + " mode " + mode);
                if (size > 0 && random.nextInt(16) == 0) {
                    YencPart part = YencPart.of("d.bin", 1, 1, Math.max(1, size), 0, size);
                    byte[] article = reference.encode(part, data);
                    byte[] head = YencHeaderLines.head(part, lineLength);
                    assertThat(Arrays.copyOfRange(article, head.length, head.length + expected.length)).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("lineLengths")
    void everySpecialByteAtEveryColumnMatchesTheJavaEncoder(int lineLength) {
        Random random = new Random(lineLength);
        int size = 3 * lineLength + 17;
        for (byte special : SPECIAL) {
            for (int at = 0; at < size; at++) {
                byte[] data = new byte[size];
                Arrays.fill(data, (byte) 0x41);
                data[at] = special;
                assertNativeMatches(data, lineLength, javaBody(data, lineLength), random, "special " + special + " at " + at);
                // An escape pushed one column ahead before it: the special lands one output column later.
                if (at > 0) {
                    data[0] = SPECIAL[0];
                    assertNativeMatches(data, lineLength, javaBody(data, lineLength), random, "shifted special " + special + " at " + at);
                }
            }
        }
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("lineLengths")
    void runsOfCriticalBytesAcrossTheLastColumnMatchTheJavaEncoder(int lineLength) {
        Random random = new Random(-lineLength);
        int size = 4 * lineLength + 40;
        for (int start = lineLength - 40; start <= lineLength + 4; start++) {
            for (int run = 1; run <= 36; run++) {
                byte[] data = randomData(random, size, 0);
                for (int k = 0; k < size; k++) {
                    if (data[k] == SPECIAL[0] || data[k] == SPECIAL[1] || data[k] == SPECIAL[2] || data[k] == SPECIAL[3]) {
                        data[k] = 0x41; // only the run's criticals, so it lands where planned
                    }
                }
                for (int k = Math.max(0, start); k < start + run; k++) {
                    data[k] = SPECIAL[random.nextInt(4)];
                }
                assertNativeMatches(data, lineLength, javaBody(data, lineLength), random, "run " + run + " from " + start);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void wholeArticlesOfEveryKindMatchTheJavaEncoder(long seed) {
        System.out.println("NativeYencEncoderTest seed=" + seed);
        Random random = new Random(seed);
        int size = 716_800 - random.nextInt(1000);
        for (int mode = 0; mode < 4; mode++) {
            byte[] data = randomData(random, size, mode);
            assertNativeMatches(data, 128, javaBody(data, 128), random, "mode " + mode);
        }
        byte[] zeros = new byte[size];
        assertNativeMatches(zeros, 128, javaBody(zeros, 128), random, "zeros");
        byte[] allEquals = new byte[size];
        Arrays.fill(allEquals, (byte) 0x13);
        assertNativeMatches(allEquals, 128, javaBody(allEquals, 128), random, "all escapes");
    }

    @Test
    void everyMemoryKindEncodesTheSameArticle() {
        Random random = new Random(99);
        byte[] data = randomData(random, 100_000, 3);
        YencPart part = YencPart.of("m.bin", 2, 3, 300_000, 100_000, data.length);
        YencEncoderOptions options = YencEncoderOptions.defaults();
        byte[] expected = new ReferenceYencEncoder(options).encode(part, data);
        YencEncoder encoder = new YencEncoder(options);
        assertThat(encoder.nativeKernel()).isTrue();
        try (Arena arena = Arena.ofConfined()) {
            ByteBuffer[] inputs = {
                ByteBuffer.wrap(data),
                ByteBuffer.wrap(data).asReadOnlyBuffer(),
                ByteBuffer.allocateDirect(data.length).put(data).flip(),
                arena.allocate(data.length + 3).asSlice(3).copyFrom(MemorySegment.ofArray(data)).asByteBuffer(),
            };
            for (ByteBuffer input : inputs) {
                for (boolean direct : new boolean[] {false, true}) {
                    int max = (int) encoder.maxEncodedSize(part);
                    ByteBuffer out = direct ? ByteBuffer.allocateDirect(max + 5).position(5) : ByteBuffer.allocate(max + 5).position(5);
                    encoder.encode(part, input.duplicate(), out);
                    byte[] article = new byte[out.position() - 5];
                    out.get(5, article);
                    assertThat(article).as("input %s, direct output %s", input, direct).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void anOutputTooSmallIsRefusedWithoutWritingPastIt() {
        byte[] data = randomData(new Random(5), 5_000, 2);
        byte[] expected = javaBody(data, 128);
        byte[] out = new byte[expected.length + 64];
        Arrays.fill(out, GUARD);
        MemorySegment whole = MemorySegment.ofArray(out);
        assertThatThrownBy(() -> NativeYencEncoder.encodeBody(MemorySegment.ofArray(data), whole.asSlice(0, expected.length - 1), 0, 128))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEncodedSize");
        assertThat(firstChanged(out, expected.length - 1, out.length)).isEqualTo(-1);
    }

    @Test
    void optionsCanKeepTheJavaPathAndItWritesTheSameArticle() {
        byte[] data = randomData(new Random(6), 50_000, 2);
        YencPart part = YencPart.of("j.bin", 1, 1, data.length, 0, data.length);
        YencEncoder javaEncoder = new YencEncoder(new YencEncoderOptions(128, false));
        YencEncoder nativeEncoder = new YencEncoder(YencEncoderOptions.defaults());
        assertThat(javaEncoder.nativeKernel()).isFalse();
        ByteBuffer a = ByteBuffer.allocate((int) javaEncoder.maxEncodedSize(part));
        ByteBuffer b = ByteBuffer.allocate((int) nativeEncoder.maxEncodedSize(part));
        assertThat(javaEncoder.encode(part, ByteBuffer.wrap(data), a)).isEqualTo(nativeEncoder.encode(part, ByteBuffer.wrap(data), b));
        assertThat(Arrays.copyOf(a.array(), a.position())).isEqualTo(Arrays.copyOf(b.array(), b.position()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void nativeArticlesDecodeBackToTheirData(long seed) {
        System.out.println("NativeYencEncoderTest seed=" + seed);
        Random random = new Random(seed);
        int lineLength = 16 + random.nextInt(185);
        int size = 1 + random.nextInt(200_000);
        byte[] data = randomData(random, size, random.nextInt(4));
        long offset = 3L * size;
        YencPart part = YencPart.of("r.bin", 4, 9, 9L * size, offset, size);
        YencEncoder encoder = new YencEncoder(new YencEncoderOptions(lineLength));
        ByteBuffer article = ByteBuffer.allocate((int) encoder.maxEncodedSize(part));
        encoder.encode(part, ByteBuffer.wrap(data), article);
        YencArticleRules.assertWellFormed(Arrays.copyOf(article.array(), article.position()), lineLength);
        ByteBuffer dest = ByteBuffer.allocate(size);
        YencDecoder decoder = new YencDecoder(YencDecoderOptions.defaults(),
                YencExpectation.of(4, new ByteRange(offset, size), part.fileSize()), dest);
        decoder.feed(article.flip());
        assertThat(decoder.finish()).as("line %d size %d", lineLength, size).isInstanceOf(YencResult.Decoded.class);
        assertThat(dest.array()).isEqualTo(data);
    }
}
