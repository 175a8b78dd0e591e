package io.usync.nntp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import java.nio.ByteBuffer;

/**
 * Finds line-leading dots fast: eight bytes at a time (SWAR), so dot-stuffing and dot-unstuffing
 * cost little more than a memory scan on bodies that hold none.
 */
public final class DotLines {

    private static final long LF = 0x0A0A0A0A0A0A0A0AL;
    private static final long DOT = 0x2E2E2E2E2E2E2E2EL;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long TOP_BYTE = 0x8000000000000000L;
    private static final long LOW_BYTE_TOP = 0x80L;
    /** Bytes scanned per call of the native-memory word loop. */
    private static final int SCAN_PIECE = 8 << 10;

    /** The Java search over native memory, eight bytes a step (in pieces: see {@link #indexOfLfDotInPieces}). */
    public static final LfDotScanner SWAR = DotLines::indexOfLfDotInPieces;

    private DotLines() {
    }

    /**
     * Returns the index of the first LF in {@code [from, to - 1)} whose next byte is a dot, or -1;
     * both bytes must lie inside the range. Safe on buffers other threads read at the same time
     * (an article shared by duplicates): it takes its own NIO view.
     */
    public static int indexOfLfDot(ByteBuf buf, int from, int to) {
        return indexOfLfDot(buf, from, to, false);
    }

    /**
     * Like {@link #indexOfLfDot(ByteBuf, int, int)} for a buffer only the calling thread uses (the
     * decoder's cumulation), searching its native memory with {@code scanner}: through the
     * buffer's internal NIO view otherwise, allocating nothing. Never use it on a buffer shared
     * with other threads (duplicates share that view).
     */
    public static int indexOfLfDotInOwnedBuffer(ByteBuf buf, int from, int to, LfDotScanner scanner) {
        // Netty may give a buffer's address without having Unsafe (JDK 24+ without
        // --sun-misc-unsafe-memory-access=allow), which the Java search reads through.
        if (to - from >= 64 && buf.hasMemoryAddress() && !PlatformDependent.BIG_ENDIAN_NATIVE_ORDER
                && (scanner != SWAR || PlatformDependent.hasUnsafe())) {
            return scanner.indexOfLfDot(buf.memoryAddress(), from, to);
        }
        return indexOfLfDot(buf, from, to, true);
    }

    /**
     * {@link #indexOfLfDotAt} in pieces, each overlapping the next by the one byte a pair may
     * straddle: a call per piece makes the JIT compile the word loop after a few reads instead of
     * interpreting whole 1 MiB reads until an on-stack replacement.
     */
    private static int indexOfLfDotInPieces(long address, int from, int to) {
        for (int piece = from; piece < to - 1; piece += SCAN_PIECE) {
            int found = indexOfLfDotAt(address, piece, (int) Math.min(to, (long) piece + SCAN_PIECE + 1));
            if (found >= 0) {
                return found;
            }
        }
        return -1;
    }

    /**
     * The search over native memory at {@code address} (a direct buffer's index 0, little-endian
     * words): plain loads with no index, reference-count or byte-order work per word, which the
     * C1 compiler (small downloads run with it alone) does not strip from {@link ByteBuffer#getLong}.
     */
    private static int indexOfLfDotAt(long address, int from, int to) {
        int i = from;
        int wordLimit = to - 9;
        while (i <= wordLimit) {
            long word = PlatformDependent.getLong(address + i);
            long lf = zeroBytes(word ^ LF);
            if (lf != 0) {
                long hit = lf & (zeroBytes(word ^ DOT) >>> 8);
                if (hit != 0) {
                    return i + (Long.numberOfTrailingZeros(hit) >>> 3);
                }
                if ((lf & TOP_BYTE) != 0 && PlatformDependent.getByte(address + i + 8) == '.') {
                    return i + 7;
                }
            }
            i += 8;
        }
        for (; i < to - 1; i++) {
            if (PlatformDependent.getByte(address + i) == '\n' && PlatformDependent.getByte(address + i + 1) == '.') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfLfDot(ByteBuf buf, int from, int to, boolean owned) {
        if (to - from >= 64) {
            int parts = buf.nioBufferCount();
            if (parts == 1) {
                ByteBuffer nio = owned ? buf.internalNioBuffer(from, to - from) : buf.nioBuffer(from, to - from);
                int found = indexOfLfDot(nio, nio.position(), nio.limit());
                return found < 0 ? -1 : from + (found - nio.position());
            }
            if (parts > 1) {
                return indexOfLfDot(buf.nioBuffers(from, to - from), from);
            }
        }
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

    /** The search over the pieces of a composite buffer, including pairs split between two pieces. */
    private static int indexOfLfDot(ByteBuffer[] pieces, int from) {
        int offset = from;
        for (int p = 0; p < pieces.length; p++) {
            ByteBuffer nio = pieces[p];
            int length = nio.remaining();
            if (length == 0) {
                continue;
            }
            int found = indexOfLfDot(nio, nio.position(), nio.limit());
            if (found >= 0) {
                return offset + (found - nio.position());
            }
            if (nio.get(nio.limit() - 1) == '\n') {
                for (int q = p + 1; q < pieces.length; q++) {
                    if (pieces[q].hasRemaining()) {
                        if (pieces[q].get(pieces[q].position()) == '.') {
                            return offset + length - 1;
                        }
                        break;
                    }
                }
            }
            offset += length;
        }
        return -1;
    }

    /**
     * The same search over absolute positions of a (big-endian) NIO buffer, which the JIT turns into
     * plain loads without the per-access checks of {@link ByteBuf}.
     */
    static int indexOfLfDot(ByteBuffer nio, int from, int to) {
        int i = from;
        int wordLimit = to - 9;
        while (i <= wordLimit) {
            long word = nio.getLong(i);
            long lf = zeroBytes(word ^ LF);
            if (lf != 0) {
                long hit = lf & (zeroBytes(word ^ DOT) << 8);
                if (hit != 0) {
                    return i + (Long.numberOfLeadingZeros(hit) >>> 3);
                }
                if ((lf & LOW_BYTE_TOP) != 0 && nio.get(i + 8) == '.') {
                    return i + 7;
                }
            }
            i += 8;
        }
        for (; i < to - 1; i++) {
            if (nio.get(i) == '\n' && nio.get(i + 1) == '.') {
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
