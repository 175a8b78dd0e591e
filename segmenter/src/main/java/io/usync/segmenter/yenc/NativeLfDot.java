package io.usync.segmenter.yenc;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * libusync-yenc's search for a line-leading dot ({@code usync_find_lf_dot}: AVX2, 64 bytes a
 * step) for the NNTP reply parser, which looks for one in every byte of a BODY reply to find
 * dot-stuffed lines and the terminator; its Java search does 8 bytes a step.
 */
public final class NativeLfDot {

    /** {@code int64_t usync_find_lf_dot(int64_t address, int64_t from, int64_t to)}, null when unavailable. */
    private static final MethodHandle FIND = NativeYenc.function("usync_find_lf_dot", FunctionDescriptor.of(
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG)).orElse(null);

    private NativeLfDot() {
    }

    /** Whether the library loaded (on a CPU with AVX2) with this function. */
    public static boolean available() {
        return FIND != null;
    }

    /**
     * The index of the first LF in {@code [from, to - 1)} of the native memory at {@code address}
     * whose next byte is a dot, or -1; reads only {@code [from, to)}, which must be readable.
     * Needs {@link #available()}.
     */
    public static int indexOfLfDot(long address, int from, int to) {
        try {
            return (int) (long) FIND.invokeExact(address, (long) from, (long) to);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("usync_find_lf_dot failed", e);
        }
    }
}
