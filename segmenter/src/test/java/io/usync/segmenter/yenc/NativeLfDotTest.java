package io.usync.segmenter.yenc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** libusync-yenc's search for a line-leading dot against a byte-by-byte scan. */
class NativeLfDotTest {

    @BeforeAll
    static void needsTheLibrary() {
        NativeRequired.check(NativeLfDot.available(), "libusync-yenc's search for line-leading dots", "usync_find_lf_dot");
    }

    /** Seeded: lengths around the 64-byte step, ranges starting and ending anywhere, dense and sparse pairs. */
    @ParameterizedTest
    @ValueSource(longs = {3L, 11L, 20261124L})
    void findsWhatAByteByByteScanFinds(long seed) {
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            for (int round = 0; round < 3000; round++) {
                int n = random.nextInt(round % 3 == 0 ? 200 : 3000);
                byte[] data = new byte[n];
                String alphabet = round % 2 == 0 ? "\n.\rax" : "abcdefghijklmnopqrstuvwxyz\r";
                for (int i = 0; i < n; i++) {
                    data[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
                }
                if (n > 2 && round % 2 == 1 && random.nextBoolean()) {
                    int at = random.nextInt(n - 1);
                    data[at] = '\n';
                    data[at + 1] = '.';
                }
                MemorySegment memory = arena.allocate(Math.max(1, n));
                MemorySegment.copy(data, 0, memory, ValueLayout.JAVA_BYTE, 0, n);
                int from = n == 0 ? 0 : random.nextInt(n);
                int to = from + random.nextInt(n - from + 1);
                assertThat(NativeLfDot.indexOfLfDot(memory.address(), from, to))
                        .as("seed %d round %d [%d, %d) of %d", seed, round, from, to, n)
                        .isEqualTo(naive(data, from, to));
            }
        }
    }

    @Test
    void neverCountsAPairWhoseDotLiesAtOrPastTheEnd() {
        try (Arena arena = Arena.ofConfined()) {
            for (int at = 0; at < 200; at++) {
                MemorySegment memory = arena.allocate(202).fill((byte) 'a');
                memory.set(ValueLayout.JAVA_BYTE, at, (byte) '\n');
                memory.set(ValueLayout.JAVA_BYTE, at + 1, (byte) '.');
                assertThat(NativeLfDot.indexOfLfDot(memory.address(), 0, at + 1)).as("cut at %d", at).isEqualTo(-1);
                assertThat(NativeLfDot.indexOfLfDot(memory.address(), 0, at + 2)).as("at %d", at).isEqualTo(at);
                assertThat(NativeLfDot.indexOfLfDot(memory.address(), at + 1, 202)).as("after %d", at).isEqualTo(-1);
            }
        }
    }

    private static int naive(byte[] data, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (data[i] == '\n' && data[i + 1] == '.') {
                return i;
            }
        }
        return -1;
    }
}
