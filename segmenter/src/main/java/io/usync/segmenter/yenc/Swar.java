package io.usync.segmenter.yenc;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Eight-bytes-at-a-time arithmetic on {@code long}s shared by the fast encoder and decoder. */
final class Swar {

    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;
    private static final long ADD42 = 0x2A2A2A2A2A2A2A2AL;
    private static final long LF = 0x0A0A0A0A0A0A0A0AL;
    private static final long CR = 0x0D0D0D0D0D0D0D0DL;
    private static final long EQ = 0x3D3D3D3D3D3D3D3DL;

    private Swar() {
    }

    /** Adds 42 to every byte modulo 256. */
    static long add42(long x) {
        return ((x & LOW7) + ADD42) ^ (x & HIGH);
    }

    /** Subtracts 42 from every byte modulo 256. */
    static long sub42(long x) {
        // x - 42 = x + 214 (mod 256); 214 = 0xD6 has its high bit set, so add 0x56 then flip 0x80.
        return (((x & LOW7) + 0x5656565656565656L) ^ (x & HIGH)) ^ HIGH;
    }

    /** 0x80 in every non-zero byte of {@code v} (exact); a byte lacking it is zero. */
    private static long nonZeroHigh(long v) {
        return ((v & LOW7) + LOW7) | v;
    }

    /** 0x80 in each byte of an encoded word that must be escaped anywhere in a line: NUL, LF, CR, '='. */
    static long criticalEncoded(long y) {
        long all = nonZeroHigh(y) & nonZeroHigh(y ^ LF) & nonZeroHigh(y ^ CR) & nonZeroHigh(y ^ EQ);
        return ~(all | LOW7);
    }

    /** 0x80 in each byte of a received word that the decoder must look at: '=', CR, LF. */
    static long specialReceived(long x) {
        long all = nonZeroHigh(x ^ LF) & nonZeroHigh(x ^ CR) & nonZeroHigh(x ^ EQ);
        return ~(all | LOW7);
    }

    /** Index (0..7) of the lowest byte flagged in a non-zero mask. */
    static int firstFlagged(long mask) {
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }

}
