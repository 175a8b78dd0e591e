package io.usync.segmenter.yenc;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Eight-bytes-at-a-time arithmetic on little-endian {@code long}s (read from memory segments
 * through {@link #LONG}) shared by the fast encoder and decoder: byte 0 is the lowest, the first in memory.
 */
final class Swar {

    /** A little-endian {@code long} at any offset of a memory segment (the encoder's and decoder's word). */
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** One byte of a memory segment. */
    static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    static final long HIGH = 0x8080808080808080L;
    static final long ADD42 = 0x2A2A2A2A2A2A2A2AL;
    static final long LF = 0x0A0A0A0A0A0A0A0AL;
    static final long CR = 0x0D0D0D0D0D0D0D0DL;
    static final long EQ = 0x3D3D3D3D3D3D3D3DL;
    static final long DOT = 0x2E2E2E2E2E2E2E2EL;

    private Swar() {
    }

    /** Adds 42 to every byte modulo 256. */
    static long add42(long x) {
        return ((x & LOW7) + ADD42) ^ (x & HIGH);
    }

    /** Subtracts 42 from every byte of {@code x} modulo 256, given {@code low = x & LOW7}. */
    static long sub42(long x, long low) {
        // x - 42 = x + 214 (mod 256); 214 = 0xD6 has its high bit set, so add 0x56 then flip 0x80.
        return (low + 0x5656565656565656L) ^ (~x & HIGH);
    }

    /**
     * Flags exactly an encoded word's bytes that must be escaped anywhere in a line (NUL, LF, CR,
     * '='), 0x80 in each: all four are below 0x80, so a byte matches when its high bit is clear and
     * its low seven bits equal the value, and adding 0x7F to seven bits never carries into the next byte.
     */
    static long criticalEncoded(long y) {
        long low = y & LOW7;
        long nonZero = low + LOW7;
        long notLf = (low ^ LF) + LOW7;
        long notCr = (low ^ CR) + LOW7;
        long notEq = (low ^ EQ) + LOW7;
        return ~(nonZero & notLf & notCr & notEq | y) & HIGH;
    }

    /**
     * Flags exactly (0x80) the bytes of {@code x} equal to {@code c} (a byte below 0x80 repeated),
     * given {@code low = x & LOW7}: the high bit must be clear and the low seven bits must match.
     */
    static long lanesEqual(long x, long low, long c) {
        return ~(((low ^ c) + LOW7) | x) & HIGH;
    }

    /**
     * Flags exactly (0x80) the bytes of a received word the decoder must look at ('=', CR, LF),
     * given {@code low = x & LOW7}: {@link #lanesEqual} of the three at once.
     */
    static long specialReceived(long x, long low) {
        return ~((((low ^ EQ) + LOW7) & ((low ^ CR) + LOW7) & ((low ^ LF) + LOW7)) | x) & HIGH;
    }

    /** Subtracts {@code d} (bytes below 0x80) from every byte of {@code x} modulo 256. */
    static long sub(long x, long d) {
        return ((x | HIGH) - d) ^ (~x & HIGH);
    }

    /** Index (0..7) of the lowest byte flagged in a non-zero mask. */
    static int firstFlagged(long mask) {
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }
}
