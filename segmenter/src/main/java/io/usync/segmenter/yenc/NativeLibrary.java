package io.usync.segmenter.yenc;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * libusync-yenc's downcalls for the segmenter's other packages (the read package's native
 * SHA-256): the library this package loads once per JVM, with the same rules (CPU check,
 * {@code -Dusync.yenc.native=false}, per-hash cache file). Not for use outside the segmenter.
 */
public final class NativeLibrary {

    private NativeLibrary() {
    }

    /** A critical downcall handle (heap segments allowed) for one of the library's functions, or empty when unavailable. */
    public static Optional<MethodHandle> downcall(String symbol, FunctionDescriptor descriptor) {
        return NativeYenc.function(symbol, descriptor);
    }

    /** Whether the library loaded and its check {@code int symbol(void)} (a CPU check) returns 1. */
    public static boolean confirms(String symbol) {
        return NativeYenc.confirms(symbol);
    }

    /** Why the library is unavailable (for log and test skip messages), or empty when it loaded. */
    public static Optional<String> unavailableReason() {
        return NativeYenc.unavailableReason();
    }
}
