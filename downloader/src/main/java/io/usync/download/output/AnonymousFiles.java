package io.usync.download.output;

import java.io.IOException;
import io.usync.segmenter.NativePlatform;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Files written whole before they get a name (Linux {@code O_TMPFILE}): a file fed by one article
 * is created unnamed in its folder, written once and linked under its final name only after it
 * was verified, so the folder is changed once per file (no part file to create and rename) and a
 * killed run leaves nothing behind. Where the system or file system lacks them, {@link #create}
 * answers empty and the caller writes a part file as before.
 */
public final class AnonymousFiles {

    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    /** {@code __O_TMPFILE | O_DIRECTORY} on x86-64. */
    private static final int O_TMPFILE = 0x410000;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_FOLLOW = 0x400;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int EEXIST = 17;

    private final MethodHandle open;
    private final MethodHandle pwrite;
    private final MethodHandle linkat;
    private final MethodHandle close;
    private final MemoryLayout callState;
    private final VarHandle errno;
    private final AtomicBoolean unsupported = new AtomicBoolean();
    private final AtomicBoolean emptyPathRefused = new AtomicBoolean();

    private AnonymousFiles(MethodHandle open, MethodHandle pwrite, MethodHandle linkat, MethodHandle close) {
        this.open = open;
        this.pwrite = pwrite;
        this.linkat = linkat;
        this.close = close;
        callState = Linker.Option.captureStateLayout();
        errno = callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    }

    /**
     * Anonymous files on Linux x86-64 (where the flag values above hold), else empty (also without
     * native access or the C library's functions: part files as before).
     */
    public static Optional<AnonymousFiles> ofThisSystem() {
        Linker.Option errnoOption = Linker.Option.captureCallState("errno");
        Optional<MethodHandle> open = NativePlatform.libc("open", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                errnoOption, Linker.Option.firstVariadicArg(2));
        Optional<MethodHandle> pwrite = NativePlatform.libc("pwrite", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                Linker.Option.critical(true));
        Optional<MethodHandle> linkat = NativePlatform.libc("linkat", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT), errnoOption);
        Optional<MethodHandle> close = NativePlatform.libc("close", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT));
        if (open.isEmpty() || pwrite.isEmpty() || linkat.isEmpty() || close.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AnonymousFiles(open.get(), pwrite.get(), linkat.get(), close.get()));
    }

    /**
     * Creates an unnamed file in {@code folder} (made if missing) holding all of {@code data}, or
     * empty when this file system cannot (the caller then writes a part file).
     */
    public Optional<AnonymousFile> create(Path folder, ByteBuffer data) throws IOException {
        if (unsupported.get()) {
            return Optional.empty();
        }
        int fd = openIn(folder);
        if (fd == -ENOENT) {
            Files.createDirectories(folder);
            fd = openIn(folder);
        }
        if (fd < 0) {
            // EOPNOTSUPP, EISDIR, EINVAL...: this file system has no unnamed files; never ask again.
            unsupported.set(true);
            return Optional.empty();
        }
        AnonymousFile file = new AnonymousFile(this, fd);
        try {
            file.writeFully(data);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return Optional.of(file);
    }

    /** The descriptor, or minus errno. */
    private int openIn(Path folder) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(callState);
            int fd = (int) open.invokeExact(state, arena.allocateFrom(folder.toString()),
                    O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
            return fd >= 0 ? fd : -(int) errno.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("open(O_TMPFILE) failed", t);
        }
    }

    /** pwrite(2); the bytes written or -1. */
    long write(int fd, MemorySegment bytes, long position) {
        try {
            return (long) pwrite.invokeExact(fd, bytes, bytes.byteSize(), position);
        } catch (Throwable t) {
            throw new IllegalStateException("pwrite failed", t);
        }
    }

    /**
     * linkat(2) of the descriptor's file to {@code target}; 0 or minus errno. The descriptor itself
     * is linked ({@code AT_EMPTY_PATH}, Linux 6.10+ without privileges) or, where that is refused,
     * its {@code /proc/self/fd} link.
     */
    int link(int fd, Path target) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(callState);
            MemorySegment to = arena.allocateFrom(target.toString());
            if (!emptyPathRefused.get()) {
                int r = (int) linkat.invokeExact(state, fd, arena.allocateFrom(""), AT_FDCWD, to, AT_EMPTY_PATH);
                if (r == 0) {
                    return 0;
                }
                int error = (int) errno.get(state, 0L);
                if (error != ENOENT && error != EPERM) {
                    return -error;
                }
                emptyPathRefused.set(true);
            }
            int r = (int) linkat.invokeExact(state, AT_FDCWD, arena.allocateFrom("/proc/self/fd/" + fd), AT_FDCWD,
                    to, AT_SYMLINK_FOLLOW);
            return r == 0 ? 0 : -(int) errno.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("linkat failed", t);
        }
    }

    /** close(2). */
    void close(int fd) {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close failed", t);
        }
    }

    /** Whether {@code error} (minus errno) says the link target exists. */
    static boolean exists(int error) {
        return error == -EEXIST;
    }
}
