package io.usync.segmenter.yenc;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The native decode step ({@code usync_yenc_decode} in libusync-yenc, AVX2 + BMI2, or AVX-512 where
 * the CPU has AVX512BW and AVX512-VBMI2): unlike the Java
 * steps it takes the decoder in any data state and runs all of it (escapes, line starts, dot
 * un-stuffing, CR/LF) for a whole chunk in one downcall, stopping only after a line's {@code =y},
 * at the end of the chunk, or before an output byte that would not fit. On CPUs with VPCLMULQDQ it
 * also folds the CRC-32 of the output while that is still in L1 ({@link #foldsCrc()}), so the
 * decoder need not read the decoded part a second time.
 */
final class NativeBlockDecoder implements BlockDecoder {

    // State bits shared with usync_yenc.h.
    private static final long ESCAPE = 1;
    private static final long LINE_START = 2;
    private static final long LINE_EQUALS = 4;
    private static final long LINE_DOT = 8;
    private static final long UNSTUFF = 16;
    private static final long KEYWORD = 32;
    private static final long CRC = 64;
    private static final long NARROW = 128;

    /** void usync_yenc_decode(const uint8_t *in, int64_t in_len, uint8_t *out, int64_t out_cap, int64_t *pos) (pos: 5 longs). */
    private static final MethodHandle DECODE = NativeYenc.function("usync_yenc_decode", FunctionDescriptor.ofVoid(
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS))
            .orElse(null);

    /** Whether this CPU lets the kernel fold the CRC-32 (int usync_yenc_crc_ok(void) returned 1). */
    private static final boolean CRC_FOLD = NativeYenc.foldsCrc();

    /** {@code -Dusync.yenc.avx512=false} keeps the kernel on its AVX2 loop (to compare the two in benchmarks). */
    private static final boolean AVX2_ONLY = !Boolean.parseBoolean(System.getProperty("usync.yenc.avx512", "true"));

    private final boolean foldCrc;
    private final boolean narrow;

    /** The native step when libusync-yenc is available on this CPU (see {@link NativeYenc#PROPERTY}), folding the CRC when it can. */
    static Optional<BlockDecoder> ifAvailable() {
        return DECODE == null ? Optional.empty() : Optional.of(new NativeBlockDecoder(CRC_FOLD, AVX2_ONLY));
    }

    /**
     * The native step leaving the CRC to Java, as on CPUs without VPCLMULQDQ; empty unless the
     * kernel could fold it here (tests run both then).
     */
    static Optional<BlockDecoder> withJavaCrcIfDifferent() {
        return DECODE == null || !CRC_FOLD ? Optional.empty() : Optional.of(new NativeBlockDecoder(false, false));
    }

    /**
     * The native step on its AVX2 loop, as on CPUs without AVX-512; empty unless the kernel runs
     * its AVX-512 loop here ({@code int usync_yenc_decode_wide(void)} returned 1: tests run both then).
     */
    static Optional<BlockDecoder> avx2IfDifferent() {
        return DECODE == null || !NativeYenc.confirms("usync_yenc_decode_wide") ? Optional.empty()
                : Optional.of(new NativeBlockDecoder(CRC_FOLD, true));
    }

    private NativeBlockDecoder(boolean foldCrc, boolean narrow) {
        this.foldCrc = foldCrc;
        this.narrow = narrow;
    }

    @Override
    public int blockBytes() {
        return 32;
    }

    @Override
    public boolean usable() {
        return DECODE != null;
    }

    @Override
    public boolean wholeData() {
        return true;
    }

    @Override
    public boolean foldsCrc() {
        return foldCrc;
    }

    @Override
    public void decode(MemorySegment in, long n, MemorySegment out, boolean unstuffDots, Progress progress) {
        long[] pos = progress.nativeState;
        pos[0] = progress.in;
        pos[1] = progress.out;
        pos[2] = (progress.escape ? ESCAPE : 0) | (progress.lineStart ? LINE_START : 0)
                | (progress.lineStartEquals ? LINE_EQUALS : 0) | (progress.lineStartDot ? LINE_DOT : 0)
                | (unstuffDots ? UNSTUFF : 0) | (foldCrc ? CRC : 0) | (narrow ? NARROW : 0);
        pos[3] = progress.crcEnd;
        pos[4] = progress.crc & 0xFFFF_FFFFL;
        try {
            DECODE.invokeExact(in, n, out, out.byteSize(), progress.nativeStateSegment);
        } catch (Throwable e) {
            throw new IllegalStateException("native yEnc decode failed", e);
        }
        long s = pos[2];
        progress.in = pos[0];
        progress.out = pos[1];
        progress.escape = (s & ESCAPE) != 0;
        progress.lineStart = (s & LINE_START) != 0;
        progress.lineStartEquals = (s & LINE_EQUALS) != 0;
        progress.lineStartDot = (s & LINE_DOT) != 0;
        progress.keyword = (s & KEYWORD) != 0;
        if (foldCrc) {
            progress.crcEnd = pos[3];
            progress.crc = (int) pos[4];
        }
    }
}
