package io.usync.segmenter;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * The one check for the platform usync's native code is written for, Linux on x86-64: libusync-yenc
 * is built only there, and FFM code that hard-codes Linux x86-64 constants (syscall flags, struct
 * layouts) must ask this instead of reading {@code os.name}/{@code os.arch} itself.
 */
public final class NativePlatform {

    private NativePlatform() {
    }

    /** Whether this JVM runs on Linux x86-64 ({@code os.name} "Linux", {@code os.arch} "amd64" or "x86_64"). */
    public static boolean isLinuxX8664() {
        return isLinuxX8664(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** Whether the given {@code os.name} and {@code os.arch} values name Linux x86-64 (case-insensitive). */
    public static boolean isLinuxX8664(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        return os.equals("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** This JVM's platform as {@code os.name/os.arch} (lower case), for messages that say why native code is off. */
    public static String current() {
        return (System.getProperty("os.name", "") + "/" + System.getProperty("os.arch", "")).toLowerCase(Locale.ROOT);
    }

    /**
     * The C library's function {@code name} bound with {@code descriptor} (and {@code options}) on
     * Linux x86-64, or empty elsewhere, without native access, or where the library lacks it.
     */
    public static Optional<MethodHandle> libc(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        if (!isLinuxX8664()) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            return Optional.of(linker.downcallHandle(linker.defaultLookup().findOrThrow(name), descriptor, options));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
