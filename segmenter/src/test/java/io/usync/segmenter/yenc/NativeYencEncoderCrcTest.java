package io.usync.segmenter.yenc;

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
import java.util.stream.LongStream;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CRC-32 the native encoder folds in its own pass (VPCLMULQDQ CPUs) equals {@link CRC32} of
 * the input for every length from 0 to several folding bursts (4 KiB each in yenc_encode.c), at
 * every alignment of the input, for data with and without escapes, while the encoded bytes stay
 * those of the kernel without the CRC; whole articles are the same with the CRC folded, from the
 * JDK and from the Java path. Skipped (with the reason) where the kernel cannot fold.
 */
class NativeYencEncoderCrcTest {

    /** The kernel's folding burst (CRC_BURST in yenc_encode.c): lengths around its multiples matter. */
    private static final int BURST = 4096;

    @BeforeAll
    static void requireFolding() {
        assumeTrue(NativeYencEncoder.foldsCrc(), () -> "native encoder CRC folding not tested: "
                + NativeYenc.unavailableReason().orElse("this CPU lacks VPCLMULQDQ"));
    }

    static LongStream seeds() {
        return LongStream.range(0, 4).map(i -> 0xC4C0_0000L + i * 104_729L);
    }

    private static int crc32(MemorySegment data) {
        CRC32 crc = new CRC32();
        crc.update(data.asByteBuffer());
        return (int) crc.getValue();
    }

    private static void fill(Random random, MemorySegment data, boolean specialHeavy) {
        for (long k = 0; k < data.byteSize(); k++) {
            data.set(ValueLayout.JAVA_BYTE, k, specialHeavy && random.nextInt(3) == 0
                    ? YencRoundTripTest.SPECIAL[random.nextInt(YencRoundTripTest.SPECIAL.length)]
                    : (byte) random.nextInt(256));
        }
    }

    /** Encodes {@code in} with and without the folded CRC: same bytes and end, CRC equal to the JDK's. */
    private static void assertFoldedCrcMatches(MemorySegment in, int lineLength, String what) {
        long cap = 2 * in.byteSize() + 4 * (in.byteSize() / lineLength + 2) + 128;
        byte[] plain = new byte[(int) cap];
        byte[] folded = new byte[(int) cap];
        long plainEnd = NativeYencEncoder.encodeBody(in, MemorySegment.ofArray(plain), 0, lineLength);
        int[] crc = {0x5A5A5A5A};
        long foldedEnd = NativeYencEncoder.encodeBody(in, MemorySegment.ofArray(folded), 0, lineLength, crc);
        assertThat(crc[0]).as("%s: CRC-32", what).isEqualTo(crc32(in));
        assertThat(foldedEnd).as("%s: end", what).isEqualTo(plainEnd);
        assertThat(Arrays.copyOf(folded, (int) foldedEnd)).as("%s: bytes", what).isEqualTo(Arrays.copyOf(plain, (int) plainEnd));
    }

    @Test
    void everyShortLengthAtEveryAlignmentFoldsTheJdkCrc() {
        Random random = new Random(0xC4C);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64 + 600, 64);
            for (int length = 0; length <= 600; length++) {
                for (int align = 0; align < 64; align++) {
                    MemorySegment in = buffer.asSlice(align, length);
                    fill(random, in, (length + align) % 3 == 0);
                    assertFoldedCrcMatches(in, 128, "length " + length + " align " + align);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void lengthsAroundEveryBurstEdgeAtEveryAlignmentFoldTheJdkCrc(long seed) {
        System.out.println("NativeYencEncoderCrcTest seed=" + seed);
        Random random = new Random(seed);
        int lineLength = 16 + random.nextInt(200);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64 + 5L * BURST + 200, 64);
            for (int bursts = 1; bursts <= 5; bursts++) {
                for (int length = bursts * BURST - 70; length <= bursts * BURST + 70; length += 1 + random.nextInt(9)) {
                    int align = random.nextInt(64);
                    MemorySegment in = buffer.asSlice(align, length);
                    boolean specialHeavy = random.nextBoolean();
                    fill(random, in, specialHeavy);
                    assertFoldedCrcMatches(in, lineLength, "line " + lineLength + " length " + length + " align " + align
                            + (specialHeavy ? " special-heavy" : ""));
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void heapInputOfRandomLengthFoldsTheJdkCrc(long seed) {
        System.out.println("NativeYencEncoderCrcTest seed=" + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 40; round++) {
            byte[] data = new byte[random.nextInt(6 * BURST)];
            random.nextBytes(data);
            int from = random.nextInt(Math.max(1, Math.min(64, data.length)));
            assertFoldedCrcMatches(MemorySegment.ofArray(data).asSlice(from), 16 + random.nextInt(982), "round " + round);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void articlesAreTheSameWithTheFoldedCrcTheJdkCrcAndTheJavaPath(long seed) {
        System.out.println("NativeYencEncoderCrcTest seed=" + seed);
        Random random = new Random(seed);
        int size = 1 + random.nextInt(800_000);
        byte[] data = new byte[size];
        random.nextBytes(data);
        YencPart part = YencPart.of("c.bin", 2, 5, 5L * size, size, size);
        YencEncoderOptions options = new YencEncoderOptions(16 + random.nextInt(982));
        YencEncoder folding = new YencEncoder(options);
        YencEncoder jdkCrc = new YencEncoder(options, false);
        YencEncoder javaPath = new YencEncoder(options.withNativeKernel(false));
        byte[] expected = null;
        YencEncoded expectedResult = null;
        for (YencEncoder encoder : new YencEncoder[] {javaPath, jdkCrc, folding}) {
            ByteBuffer out = ByteBuffer.allocateDirect((int) encoder.maxEncodedSize(part));
            YencEncoded result = encoder.encode(part, ByteBuffer.allocateDirect(size).put(data).flip(), out);
            byte[] article = new byte[out.position()];
            out.get(0, article);
            if (expected == null) {
                expected = article;
                expectedResult = result;
                CRC32 crc = new CRC32();
                crc.update(data);
                assertThat(result.partCrc32()).isEqualTo((int) crc.getValue());
            } else {
                assertThat(result).isEqualTo(expectedResult);
                assertThat(article).isEqualTo(expected);
            }
        }
    }

    @Test
    void anOutputTooSmallIsRefusedWithoutWritingPastItWhileFolding() {
        byte[] data = new byte[10_000];
        new Random(7).nextBytes(data);
        MemorySegment in = MemorySegment.ofArray(data);
        byte[] reference = new byte[30_000];
        long end = NativeYencEncoder.encodeBody(in, MemorySegment.ofArray(reference), 0, 128);
        byte[] out = new byte[(int) end + 64];
        Arrays.fill(out, (byte) 0xA5);
        assertThatThrownBy(() -> NativeYencEncoder.encodeBody(in, MemorySegment.ofArray(out).asSlice(0, end - 1), 0, 128, new int[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEncodedSize");
        for (int k = (int) end - 1; k < out.length; k++) {
            assertThat(out[k]).as("byte %d past the output", k).isEqualTo((byte) 0xA5);
        }
    }
}
