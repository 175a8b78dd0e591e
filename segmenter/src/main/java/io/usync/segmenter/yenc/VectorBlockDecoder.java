package io.usync.segmenter.yenc;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * The opt-in Vector API block step (32 bytes): '=', CR and LF are found with three vector compares,
 * the block minus 42 is computed at once, and each 8-byte group then drops its '=', CR and LF
 * bytes ({@link Long#compress}) after taking 64 more off each escaped byte. Loaded only by
 * {@link BlockDecoder#optIn()}.
 */
final class VectorBlockDecoder implements BlockDecoder {

    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_256;
    private static final int BLOCK = 32;
    private static final long BYTE_SIXTY_FOUR = 0x4040404040404040L;
    private static final long BYTE_ONES = 0x0101010101010101L;
    private static final long LOW_32 = 0xFFFF_FFFFL;

    @Override
    public int blockBytes() {
        return BLOCK;
    }

    @Override
    public boolean usable() {
        return ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    @Override
    public void decode(MemorySegment in, long n, MemorySegment out, boolean unstuffDots, Progress progress) {
        final long lastIn = n - BLOCK;
        final long lastOut = out.byteSize() - BLOCK;
        long i = progress.in;
        long o = progress.out;
        long carryEscape = 0;
        long carryLine = 0;
        while (i <= lastIn && o <= lastOut) {
            ByteVector v = ByteVector.fromMemorySegment(SPECIES, in, i, ByteOrder.LITTLE_ENDIAN);
            long eq = v.eq((byte) '=').toLong();
            long lf = v.eq((byte) '\n').toLong();
            long removed = eq | lf | v.eq((byte) '\r').toLong();
            long escaped = ((eq << 1) | carryEscape) & LOW_32;
            long starts = ((lf << 1) | carryLine) & LOW_32;
            long lineHazard = unstuffDots ? removed | v.eq((byte) '.').toLong() : removed;
            if (((escaped & eq) | (starts & lineHazard)) != 0) {
                break;
            }
            ByteVector y = v.sub((byte) 42);
            if ((removed | escaped) == 0) {
                y.intoMemorySegment(out, o, ByteOrder.LITTLE_ENDIAN);
                o += BLOCK;
            } else {
                LongVector words = y.reinterpretAsLongs();
                o = group(out, o, words.lane(0), (int) removed, (int) escaped);
                o = group(out, o, words.lane(1), (int) (removed >>> 8), (int) (escaped >>> 8));
                o = group(out, o, words.lane(2), (int) (removed >>> 16), (int) (escaped >>> 16));
                o = group(out, o, words.lane(3), (int) (removed >>> 24), (int) (escaped >>> 24));
            }
            carryEscape = eq >>> 31;
            carryLine = lf >>> 31;
            i += BLOCK;
        }
        progress.in = i;
        progress.out = o;
        progress.escape = carryEscape != 0;
        progress.lineStart = carryLine != 0;
    }

    /** Writes one 8-byte group (already minus 42) without its removed bytes; returns the next output position. */
    private static long group(MemorySegment out, long o, long word, int removed, int escaped) {
        long e = Long.expand(escaped & 0xFF, BYTE_SIXTY_FOUR);
        long w = word ^ (e | ((~word & e) << 1)); // minus 64 more where escaped
        long keep = Long.expand(~removed & 0xFF, BYTE_ONES) * 0xFF;
        out.set(Swar.LONG, o, Long.compress(w, keep));
        return o + 8 - Integer.bitCount(removed & 0xFF);
    }
}
