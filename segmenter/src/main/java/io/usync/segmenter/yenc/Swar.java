package io.usync.segmenter.yenc;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Eight-bytes-at-a-time arithmetic on little-endian {@code long}s (the encoder reads them with
 * {@link java.nio.ByteBuffer#getLong(int)} from a little-endian view, the decoder through
 * {@link #LONG}) shared by the fast encoder and decoder: byte 0 is the lowest, the first in memory.
 */
final class Swar {

    /** A little-endian {@code long} at any offset of a memory segment (the decoder's word). */
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** One byte of a memory segment. */
    static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
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

    /**
     * 0x80 in the zero bytes of {@code v}, and possibly in bytes above the lowest zero byte (a
     * borrow runs upwards): zero exactly when no byte is zero, and the lowest flag is always exact.
     */
    private static long zeroLanes(long v) {
        return (v - ONES) & ~v;
    }

    /**
     * Flags an encoded word's bytes that must be escaped anywhere in a line (NUL, LF, CR, '='):
     * zero exactly when there is none; otherwise the lowest flagged byte (see {@link #firstFlagged})
     * is the first such byte, and higher flags may be false.
     */
    static long criticalEncoded(long y) {
        return (zeroLanes(y) | zeroLanes(y ^ LF) | zeroLanes(y ^ CR) | zeroLanes(y ^ EQ)) & HIGH;
    }

    /**
     * Flags a received word's bytes the decoder must look at ('=', CR, LF): zero exactly when there
     * is none; otherwise the lowest flagged byte is the first such byte, and higher flags may be false.
     */
    static long specialReceived(long x) {
        return (zeroLanes(x ^ LF) | zeroLanes(x ^ CR) | zeroLanes(x ^ EQ)) & HIGH;
    }

    /** Index (0..7) of the lowest byte flagged in a non-zero mask. */
    static int firstFlagged(long mask) {
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }
}
