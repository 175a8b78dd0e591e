package io.usync.segmenter.yenc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Crc32sTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 20261122})
    void combiningPartCrcsGivesTheWholeFileCrc(long seed) {
        System.out.println("Crc32sTest seed=" + seed);
        Random random = new Random(seed);
        byte[] file = new byte[random.nextInt(200_000)];
        random.nextBytes(file);
        int combined = 0;
        int offset = 0;
        boolean first = true;
        while (offset < file.length || first) {
            int len = Math.min(file.length - offset, random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(40_000));
            byte[] part = java.util.Arrays.copyOfRange(file, offset, offset + len);
            int crc = YencGoldenTest.crcOf(part);
            combined = first ? crc : Crc32s.combine(combined, crc, len);
            first = false;
            offset += len;
        }
        assertThat(combined).isEqualTo(YencGoldenTest.crcOf(file));
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 1, 7, 8, 716_800, 5_000_000})
    void combiningMatchesACrcOverBothPartsForLongSecondParts(int length) {
        byte[] a = "hello, yenc".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) 0x5A);
        byte[] both = new byte[a.length + length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, length);
        assertThat(Crc32s.combine(YencGoldenTest.crcOf(a), YencGoldenTest.crcOf(b), length))
                .isEqualTo(YencGoldenTest.crcOf(both));
        assertThat(Crc32s.combine(0, YencGoldenTest.crcOf(a), a.length)).isEqualTo(YencGoldenTest.crcOf(a));
    }
}
