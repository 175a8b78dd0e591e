package io.usync.segmenter.yenc;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRC-32 the native kernel folds while decoding (VPCLMULQDQ CPUs) equals {@link CRC32} of the
 * decoded bytes whatever the chunking: split at every offset, in one-byte runs, with escapes and
 * line ends straddling chunks, over parts long enough for many folding bursts, and into a
 * destination that starts at an offset. Skipped (with the reason) where the kernel cannot fold; the
 * kernel with the CRC left to Java ("native-java-crc") and the Java paths are covered by
 * {@link YencDecoderKernelsTest}.
 */
class YencCrcFoldTest {

    private static Optional<BlockDecoder> folding() {
        Optional<BlockDecoder> step = NativeBlockDecoder.ifAvailable().filter(BlockDecoder::foldsCrc);
        Assumptions.assumeTrue(step.isPresent(), () -> "native CRC folding not tested: "
                + NativeYenc.unavailableReason().orElse("this CPU lacks VPCLMULQDQ"));
        return step;
    }

    private static byte[] data(Random random, int length, boolean specialHeavy) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = specialHeavy && random.nextInt(3) == 0
                    ? YencRoundTripTest.SPECIAL[random.nextInt(YencRoundTripTest.SPECIAL.length)]
                    : (byte) random.nextInt(256);
        }
        return data;
    }

    private static int crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return (int) crc.getValue();
    }

    /** Decodes the article fed in pieces ending at the given offsets into a destination starting at {@code offset}. */
    private static YencResult decode(Optional<BlockDecoder> step, byte[] article, int capacity, int offset,
                                     byte[] decoded, int... splits) {
        ByteBuffer dest = ByteBuffer.allocate(offset + capacity).position(offset);
        YencDecoder decoder = new YencDecoder(YencDecoderOptions.defaults(), YencExpectation.none(), dest, step);
        int from = 0;
        for (int split : splits) {
            decoder.feed(ByteBuffer.wrap(article, from, split - from));
            from = split;
        }
        decoder.feed(ByteBuffer.wrap(article, from, article.length - from));
        YencResult result = decoder.finish();
        if (decoded != null) {
            dest.get(offset, decoded, 0, Math.min(decoded.length, dest.position() - offset));
        }
        return result;
    }

    private static void assertDecodedWithCrc(YencResult result, byte[] data, String as) {
        assertThat(result).as(as).isInstanceOfSatisfying(YencResult.Decoded.class,
                d -> assertThat(d.crc32()).as(as).isEqualTo(crc32(data)));
    }

    @Test
    void theDecoderReportsAFoldedCrcOnlyWithTheNativeKernel() {
        assertThat(!YencDecoder.nativeCrc() || YencDecoder.nativeKernel()).isTrue();
        assertThat(YencDecoder.nativeCrc()).isEqualTo(NativeBlockDecoder.ifAvailable().filter(BlockDecoder::foldsCrc).isPresent()
                && YencDecoder.nativeKernel());
    }

    @Test
    void theFoldedCrcIsRightWithTheChunkEdgeAtEveryOffset() {
        Optional<BlockDecoder> step = folding();
        long seed = 90_210;
        System.out.println("YencCrcFoldTest every offset seed=" + seed);
        Random random = new Random(seed);
        byte[] data = data(random, 9_000, true);
        YencPart part = YencPart.of("f", 1, 1, data.length, 0, data.length);
        byte[] article = new ReferenceYencEncoder(new YencEncoderOptions(128)).encode(part, data);
        for (int split = 0; split <= article.length; split++) {
            assertDecodedWithCrc(decode(step, article, data.length, split % 7, null, split), data, "split " + split);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 77, 4_242, 123_456_789, 987_654_321_123L})
    void theFoldedCrcIsRightForLongPartsInAnyChunking(long seed) {
        Optional<BlockDecoder> step = folding();
        System.out.println("YencCrcFoldTest long parts seed=" + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 4; round++) {
            byte[] data = data(random, 1 + random.nextInt(random.nextBoolean() ? 20_000 : 400_000), random.nextBoolean());
            YencPart part = YencPart.of("f", 2, 3, 3L * data.length, data.length, data.length);
            byte[] article = new ReferenceYencEncoder(new YencEncoderOptions(16 + random.nextInt(1_000)))
                    .encode(part, data);
            int[] splits = switch (random.nextInt(3)) {
                // Runs of one-byte chunks somewhere in the part, so an escape's '=' and its byte arrive apart.
                case 0 -> {
                    int at = random.nextInt(article.length);
                    yield IntStream.rangeClosed(at, Math.min(article.length, at + 300)).toArray();
                }
                case 1 -> random.ints(random.nextInt(40), 0, article.length + 1).sorted().toArray();
                default -> IntStream.iterate(65_536, s -> s < article.length, s -> s + 65_536).toArray();
            };
            byte[] decoded = new byte[data.length];
            YencResult result = decode(step, article, data.length + random.nextInt(2) * 100, random.nextInt(9), decoded, splits);
            String as = "round " + round + " length " + data.length + " splits " + Arrays.toString(Arrays.copyOf(splits, Math.min(8, splits.length)));
            assertThat(decoded).as(as).isEqualTo(data);
            assertDecodedWithCrc(result, data, as);
        }
    }

    @Test
    void aFlippedByteIsACrcMismatchCarryingTheFoldedCrcOfWhatWasDecoded() {
        Optional<BlockDecoder> step = folding();
        long seed = 31_337;
        System.out.println("YencCrcFoldTest mismatch seed=" + seed);
        Random random = new Random(seed);
        byte[] data = data(random, 100_000, false);
        YencPart part = YencPart.of("f", 1, 1, data.length, 0, data.length);
        byte[] article = new ReferenceYencEncoder(new YencEncoderOptions(128)).encode(part, data);
        for (int round = 0; round < 20; round++) {
            byte[] corrupt = article.clone();
            int at = 200 + random.nextInt(article.length - 400);
            // A plain data byte that stays one when decremented (not '=', CR, LF or one above them).
            while (corrupt[at] == '=' || corrupt[at] == '\r' || corrupt[at] == '\n' || corrupt[at - 1] == '='
                    || corrupt[at] == '=' + 1 || corrupt[at] == '\r' + 1 || corrupt[at] == '\n' + 1) {
                at++;
            }
            corrupt[at]--;
            byte[] decoded = new byte[data.length];
            YencResult result = decode(step, corrupt, data.length, 0, decoded, random.nextInt(corrupt.length));
            assertThat(result).as("byte %d", at).isInstanceOfSatisfying(YencResult.CrcMismatch.class,
                    m -> assertThat(m.actual()).isEqualTo(crc32(decoded)).isNotEqualTo(crc32(data)));
        }
    }
}
