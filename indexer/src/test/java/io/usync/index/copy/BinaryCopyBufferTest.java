package io.usync.index.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BinaryCopyBufferTest {

    @Test
    void headerAndTrailerFollowThePostgresqlBinaryCopyFormat() {
        assertThat(HexFormat.of().formatHex(BinaryCopyBuffer.HEADER))
                .isEqualTo("5047434f50590aff0d0a00" + "00000000" + "00000000");
        assertThat(BinaryCopyBuffer.TRAILER).containsExactly(0xFF, 0xFF);
    }

    @Test
    void encodesATupleAsGoldenBytes() {
        BinaryCopyBuffer b = new BinaryCopyBuffer(16);
        b.row(6).int2(-2).int4(0x01020304).int8(-1L).text("\u00e9").nullField()
                .timestamptz(Instant.parse("2000-01-01T00:00:01.000002Z"));
        b.endRow();
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(b.array(), b.size()))).isEqualTo(
                "0006"
                        + "00000002" + "fffe"
                        + "00000004" + "01020304"
                        + "00000008" + "ffffffffffffffff"
                        + "00000002" + "c3a9"
                        + "ffffffff"
                        + "00000008" + "00000000000f4242");
    }

    @Test
    void abandoningARowRestoresTheBufferAndKeepsEarlierRows() {
        BinaryCopyBuffer b = new BinaryCopyBuffer(8);
        b.row(1).int4(7);
        b.endRow();
        int complete = b.size();
        b.row(2).int4(1);
        assertThat(b.completeSize()).isEqualTo(complete);
        b.abandonRow();
        assertThat(b.size()).isEqualTo(complete);
    }

    @Test
    void compactingKeepsTheUnfinishedTuple() {
        BinaryCopyBuffer b = new BinaryCopyBuffer(8);
        b.row(1).int4(7);
        b.endRow();
        b.row(1).int4(9);
        int sent = b.completeSize();
        b.compactAfterSending(sent);
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(b.array(), b.size()))).isEqualTo("0001" + "00000004" + "00000009");
        assertThat(b.completeSize()).isZero();
    }
}
