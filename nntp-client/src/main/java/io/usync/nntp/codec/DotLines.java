package io.usync.nntp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Finds line-leading dots fast: eight bytes at a time (SWAR), so dot-stuffing and dot-unstuffing
 * cost little more than a memory scan on bodies that hold none.
 */
public final class DotLines {

    private static final long LF = 0x0A0A0A0A0A0A0A0AL;
    private static final long DOT = 0x2E2E2E2E2E2E2E2EL;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long TOP_BYTE = 0x8000000000000000L;

    private DotLines() {
    }

    /**
     * Returns the index of the first LF in {@code [from, to - 1)} whose next byte is a dot, or -1;
     * both bytes must lie inside the range.
     */
    public static int indexOfLfDot(ByteBuf buf, int from, int to) {
        int i = from;
        int wordLimit = to - 9;
        while (i <= wordLimit) {
            long word = buf.getLongLE(i);
            long lf = zeroBytes(word ^ LF);
            if (lf != 0) {
                long hit = lf & (zeroBytes(word ^ DOT) >>> 8);
                if (hit != 0) {
                    return i + (Long.numberOfTrailingZeros(hit) >>> 3);
                }
                if ((lf & TOP_BYTE) != 0 && buf.getByte(i + 8) == '.') {
                    return i + 7;
                }
            }
            i += 8;
        }
        for (; i < to - 1; i++) {
            if (buf.getByte(i) == '\n' && buf.getByte(i + 1) == '.') {
                return i;
            }
        }
        return -1;
    }

    /** Sets the top bit of every byte of {@code v} that is zero, and no other bit. */
    private static long zeroBytes(long v) {
        return ~(((v & LOW7) + LOW7) | v | LOW7);
    }
}
