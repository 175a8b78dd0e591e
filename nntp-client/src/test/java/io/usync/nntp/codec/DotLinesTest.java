package io.usync.nntp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DotLinesTest {

    @ParameterizedTest
    @ValueSource(longs = {7L, 99L, 123456789L})
    void findsTheSameLfDotAsANaiveScanOnRandomData(long seed) {
        System.out.println("DotLinesTest seed=" + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 2000; round++) {
            int n = random.nextInt(round % 2 == 0 ? 40 : 400);
            byte[] data = new byte[n];
            for (int i = 0; i < n; i++) {
                data[i] = (byte) (n > 40 ? "\n.\raxyz\u00aeqrstuvw".charAt(random.nextInt(15))
                        : "\n.\rax\u00ae".charAt(random.nextInt(6)));
            }
            ByteBuf buf;
            if (round % 5 == 4 && n > 2) {
                int cut = 1 + random.nextInt(n - 1);
                buf = Unpooled.wrappedBuffer(Unpooled.directBuffer(cut).writeBytes(data, 0, cut),
                        Unpooled.buffer(n - cut).writeBytes(data, cut, n - cut));
            } else {
                buf = (round % 3 == 0 ? Unpooled.buffer(n + 8) : Unpooled.directBuffer(n + 8)).writeBytes(data);
            }
            int from = n == 0 ? 0 : random.nextInt(n);
            int to = from + (n - from == 0 ? 0 : random.nextInt(n - from + 1));
            assertThat(DotLines.indexOfLfDot(buf, from, to)).as("seed %d round %d", seed, round)
                    .isEqualTo(naive(data, from, to));
            assertThat(DotLines.indexOfLfDotInOwnedBuffer(buf, from, to, DotLines.SWAR)).as("owned, seed %d round %d", seed, round)
                    .isEqualTo(naive(data, from, to));
            buf.release();
        }
    }

    @Test
    void findsALfDotAroundEveryScanPieceBoundaryOfALargeBuffer() {
        int n = 40_000;
        for (int k = 0; k < 4 * 21; k++) {
            int at = (k / 21 + 1) * 8192 - 10 + k % 21;
            byte[] data = new byte[n];
            java.util.Arrays.fill(data, (byte) 'a');
            data[at] = '\n';
            data[at + 1] = '.';
            ByteBuf buf = Unpooled.directBuffer(n).writeBytes(data);
            try {
                assertThat(DotLines.indexOfLfDotInOwnedBuffer(buf, 0, n, DotLines.SWAR)).as("at %d", at).isEqualTo(at);
                assertThat(DotLines.indexOfLfDotInOwnedBuffer(buf, 0, at + 1, DotLines.SWAR)).as("cut at %d", at).isEqualTo(-1);
            } finally {
                buf.release();
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
