package io.usync.segmenter.yenc;

import io.usync.segmenter.NativePlatform;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The optional native yEnc kernels (libusync-yenc, AVX2 + BMI2), loaded once per JVM: the library
 * is a jar resource written once per content hash to {@code $XDG_CACHE_HOME/usync/native/<hash>/}
 * (a temp file deleted on exit when that is not writable; other builds' folders older than a day go
 * when a new build writes its own), and is used only when its CPU check
 * passes. Any failure means "unavailable" (a debug log line, never an exception). The restricted
 * FFM calls need {@code --enable-native-access=ALL-UNNAMED}, which the launcher and tests pass.
 */
@SuppressWarnings("restricted")
final class NativeYenc {

    /** System property: "false" turns the native kernels off (the Java paths run). */
    static final String PROPERTY = "usync.yenc.native";
    /** Where the build puts the library inside the jar. */
    static final String RESOURCE = "/native/linux-x86_64/libusync-yenc.so";

    private static final String FILE_NAME = "libusync-yenc.so";
    /** Other builds' cached libraries older than this are deleted when a new build caches its own. */
    static final Duration STALE_AFTER = Duration.ofDays(1);
    private static final Pattern HASH_DIR = Pattern.compile("[0-9a-f]{24}");
    private static final System.Logger LOG = System.getLogger(NativeYenc.class.getName());

    private NativeYenc() {
    }

    /** Whether the library loaded and this CPU has what it was compiled for. */
    static boolean available() {
        return Loaded.LOOKUP.isPresent();
    }

    /**
     * Whether the kernels may fold the CRC-32 on this CPU ({@code int usync_yenc_crc_ok(void)}
     * returned 1: PCLMULQDQ and VPCLMULQDQ); false when the library is unavailable.
     */
    static boolean foldsCrc() {
        return Loaded.CRC_FOLD;
    }

    /** Why the library is unavailable (for test skip messages), or empty when it is available. */
    static Optional<String> unavailableReason() {
        return Loaded.REASON;
    }

    /** A critical downcall handle (Linker.Option.critical(true): heap segments allowed) for a kernel, or empty when unavailable. */
    static Optional<MethodHandle> function(String name, FunctionDescriptor descriptor) {
        return Loaded.LOOKUP.flatMap(lookup -> lookup.find(name))
                .map(address -> Linker.nativeLinker().downcallHandle(address, descriptor, Linker.Option.critical(true)));
    }

    /** The library, loaded on first use (class initialisation runs once, thread-safely). */
    private static final class Loaded {
        private static final Optional<String> REASON;
        private static final Optional<SymbolLookup> LOOKUP;
        private static final boolean CRC_FOLD;

        static {
            String reason;
            SymbolLookup lookup = null;
            try {
                lookup = load();
                reason = null;
            } catch (UnavailableException e) {
                reason = e.getMessage();
            } catch (IOException | RuntimeException | LinkageError e) {
                reason = e.toString();
            }
            if (reason != null) {
                LOG.log(System.Logger.Level.DEBUG, "native yEnc kernels unavailable, using the Java paths: {0}", reason);
            }
            REASON = Optional.ofNullable(reason);
            LOOKUP = Optional.ofNullable(lookup);
            CRC_FOLD = lookup != null && confirms(lookup, "usync_yenc_crc_ok");
        }

        private Loaded() {
        }
    }

    /** Whether the library's check {@code int symbol(void)} exists and returns 1 (a debug line when it fails). */
    static boolean confirms(SymbolLookup lookup, String symbol) {
        try {
            Optional<MethodHandle> check = lookup.find(symbol).map(address -> Linker.nativeLinker()
                    .downcallHandle(address, FunctionDescriptor.of(ValueLayout.JAVA_INT)));
            return check.isPresent() && (int) check.get().invokeExact() == 1;
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.DEBUG, "native check {0} failed, the Java path stays: {1}", symbol, e.toString());
            return false;
        }
    }

    /** As {@link #confirms(SymbolLookup, String)} in the loaded library; false when it is unavailable. */
    static boolean confirms(String symbol) {
        return Loaded.LOOKUP.map(lookup -> confirms(lookup, symbol)).orElse(false);
    }

    /** Why loading stopped, as an expected outcome caught in {@link Loaded}. */
    private static final class UnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    private static SymbolLookup load() throws IOException, UnavailableException {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))) {
            throw new UnavailableException("turned off by -D" + PROPERTY + "=false");
        }
        if (!NativePlatform.isLinuxX8664()) {
            throw new UnavailableException("no library for " + NativePlatform.current());
        }
        byte[] library;
        try (InputStream stream = NativeYenc.class.getResourceAsStream(RESOURCE)) {
            if (stream == null) {
                throw new UnavailableException("the jar has no " + RESOURCE + " (built without a C compiler?)");
            }
            library = stream.readAllBytes();
        }
        Path path = cached(library);
        SymbolLookup lookup = SymbolLookup.libraryLookup(path, Arena.global());
        MethodHandle cpuOk = Linker.nativeLinker().downcallHandle(
                lookup.find("usync_yenc_cpu_ok").orElseThrow(() -> new UnavailableException("no usync_yenc_cpu_ok")),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        int ok;
        try {
            ok = (int) cpuOk.invokeExact();
        } catch (Throwable e) {
            throw new UnavailableException("CPU check failed: " + e);
        }
        if (ok != 1) {
            throw new UnavailableException("this CPU lacks AVX2/BMI2");
        }
        return lookup;
    }

    /** The library's file: the per-hash cache file, written once, or a temp file deleted on exit. */
    private static Path cached(byte[] library) throws IOException {
        String hash = sha256(library).substring(0, 24);
        try {
            Path dir = cacheRoot().resolve(hash);
            Path file = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), library)) {
                return file;
            }
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, FILE_NAME, ".part");
            try {
                Files.write(temp, library);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            removeStale(cacheRoot(), hash, Instant.now().minus(STALE_AFTER));
            return file;
        } catch (IOException | SecurityException e) {
            LOG.log(System.Logger.Level.DEBUG, "native yEnc cache not writable, using a temp file: {0}", e.toString());
            Path temp = Files.createTempFile("usync-yenc-" + hash + "-", ".so");
            temp.toFile().deleteOnExit();
            Files.write(temp, library);
            return temp;
        }
    }

    /**
     * Deletes, best effort, the cached libraries of other builds (sibling hash folders) not written
     * for {@link #STALE_AFTER}; runs only when a new build writes its own, so the cache holds the
     * builds of the last day instead of every build ever run. A process still running an old build
     * keeps its mapping; one starting right then falls back to a temp file.
     */
    static void removeStale(Path root, String keep, Instant writtenBefore) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, entry -> HASH_DIR.matcher(entry.getFileName().toString()).matches())) {
            for (Path dir : dirs) {
                if (dir.getFileName().toString().equals(keep) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                        || !Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(writtenBefore)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path f : files) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException | SecurityException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not remove old native yEnc libraries: {0}", e.toString());
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("usync").resolve("native");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
