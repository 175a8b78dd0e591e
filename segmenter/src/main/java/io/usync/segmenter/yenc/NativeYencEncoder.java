package io.usync.segmenter.yenc;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The native yEnc body encoder ({@code usync_yenc_encode} in libusync-yenc, AVX2 + BMI2): one
 * critical downcall per part, writing exactly what {@link YencEncoder#encodeBody} writes and, on
 * CPUs with VPCLMULQDQ ({@link #foldsCrc()}), returning the part's CRC-32 folded in the same pass.
 */
final class NativeYencEncoder {

    /**
     * {@code int64_t usync_yenc_encode(in, in_len, out, out_cap, out_pos, line_length, uint32_t *crc)},
     * null when unavailable: a plain static final handle is a JIT constant (one read through an
     * Optional is not, so each call went through an invoker the JDK re-spun per call site).
     */
    private static final MethodHandle ENCODE = NativeYenc.function("usync_yenc_encode",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS))
            .orElse(null);

    /** Whether the kernel may fold the CRC-32 here (the library's usync_yenc_crc_ok). */
    private static final boolean CRC_FOLD = ENCODE != null && NativeYenc.foldsCrc();

    private NativeYencEncoder() {
    }

    /** Whether the native kernel loaded (library present, CPU check passed, not turned off). */
    static boolean available() {
        return ENCODE != null;
    }

    /** Whether {@link #encodeBody(MemorySegment, MemorySegment, long, int, int[])} may run: this CPU has VPCLMULQDQ. */
    static boolean foldsCrc() {
        return CRC_FOLD;
    }

    /**
     * Encodes all of {@code in} as {@link YencEncoder#encodeBody} does (same bytes, same returned
     * position) without writing at or past {@code out.byteSize()}; needs {@link #available()}.
     * Input from a file mapping is the caller's to avoid: a truncated mapping faults (SIGBUS) in
     * native code, which kills the JVM.
     */
    static long encodeBody(MemorySegment in, MemorySegment out, long outPos, int lineLength) {
        return call(in, out, outPos, lineLength, MemorySegment.NULL);
    }

    /**
     * Encodes as {@link #encodeBody(MemorySegment, MemorySegment, long, int)} and stores the
     * CRC-32 of {@code in} in {@code crc[0]}, computed in the same pass; needs {@link #foldsCrc()}.
     */
    static long encodeBody(MemorySegment in, MemorySegment out, long outPos, int lineLength, int[] crc) {
        if (!CRC_FOLD) {
            throw new IllegalStateException("native CRC-32 folding unavailable on this CPU");
        }
        return call(in, out, outPos, lineLength, MemorySegment.ofArray(crc));
    }

    private static long call(MemorySegment in, MemorySegment out, long outPos, int lineLength, MemorySegment crc) {
        long end;
        try {
            if (ENCODE == null) {
                throw new IllegalStateException("native yEnc encoder unavailable");
            }
            end = (long) ENCODE.invokeExact(in, in.byteSize(), out, out.byteSize(), outPos, lineLength, crc);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("native yEnc encoder failed", e);
        }
        if (end < 0) {
            throw new IllegalArgumentException("output of " + out.byteSize() + " bytes from " + outPos
                    + " is too small for " + in.byteSize() + " encoded bytes; size it with maxEncodedSize");
        }
        return end;
    }
}
