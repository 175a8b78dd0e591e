package io.usync.download.output;

import io.usync.segmenter.NativePlatform;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts the write-out of a file's dirty pages without waiting for it (Linux
 * {@code sync_file_range(SYNC_FILE_RANGE_WRITE)}), so that the resume log's flushes, which sync the
 * files they record first, find little left to write, and a download's dirty data stays bounded.
 * Then it lets the pages below the {@linkplain #releasable releasable} end that are already on the
 * device leave the page cache ({@code posix_fadvise(POSIX_FADV_DONTNEED)}; pages still being written
 * are kept, and let go at a later stride): a large download then reuses the same few pages instead
 * of filling memory with a copy of its files that nothing reads, and pages just freed cost less to
 * write into than pages free for a while (on this project's virtual machines several times less:
 * the hypervisor backs a page again on first touch). Not thread-safe; {@link #close} frees the
 * descriptor.
 */
final class EarlyWriteback implements AutoCloseable {

    /** Dirty bytes a file gathers before their write-out is started. */
    static final long STRIDE = 32L << 20;

    private static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 0x80000;
    private static final int O_NOFOLLOW = 0x20000;
    private static final int SYNC_FILE_RANGE_WRITE = 2;
    private static final int POSIX_FADV_DONTNEED = 4;

    private final int fd;
    private long pending;
    private long started;
    private long releasable;
    private long released;
    private boolean closed;

    private EarlyWriteback(int fd) {
        this.fd = fd;
    }

    /** Early write-out for {@code file}, or empty where the system has none (or the file cannot be opened). */
    static Optional<EarlyWriteback> of(Path file) {
        if (!Native.AVAILABLE) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) Native.OPEN.get().invokeExact(arena.allocateFrom(file.toString()), O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0);
            return fd < 0 ? Optional.empty() : Optional.of(new EarlyWriteback(fd));
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    /**
     * Allocates the file's {@code size} bytes on the device up front ({@code fallocate}, mode 0: as
     * unwritten extents, which read as zeros, and the file's size set), so that writes find their
     * blocks allocated instead of reserving and mapping delayed allocations page by page: on ext4,
     * 1 GiB written in 700 KB pieces with this write-out cost the machine 0.36 instead of 0.45 CPU-s,
     * write-back included. False where the file system cannot (the caller then sizes it sparsely).
     */
    boolean allocate(long size) {
        if (closed || Native.FALLOCATE.isEmpty()) {
            return false;
        }
        try {
            return (int) Native.FALLOCATE.get().invokeExact(fd, 0, 0L, size) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Notes that the bytes below {@code end} are never read again: their pages may leave the page cache. */
    void releasable(long end) {
        releasable = Math.max(releasable, end);
    }

    /**
     * Notes {@code bytes} written; once a {@link #STRIDE} has gathered, starts the write-out of the
     * whole file's dirty pages (the call returns before they reach the device) and lets the clean
     * pages of the releasable range go. True when it started a write-out now.
     */
    boolean written(long bytes) {
        pending += bytes;
        if (pending < STRIDE || closed) {
            return false;
        }
        pending = 0;
        try {
            if ((int) Native.SYNC_FILE_RANGE.get().invokeExact(fd, 0L, 0L, SYNC_FILE_RANGE_WRITE) != 0) {
                return false;
            }
        } catch (Throwable t) {
            // Only an optimisation: the fsync at the end writes whatever is left.
            return false;
        }
        started++;
        if (releasable > 0) {
            try {
                // From the start each time: pages that were still being written last time go now.
                if ((int) Native.FADVISE.get().invokeExact(fd, 0L, releasable, POSIX_FADV_DONTNEED) == 0) {
                    released++;
                }
            } catch (Throwable t) {
                // Only an optimisation: the pages stay cached.
            }
        }
        return true;
    }

    /** How many write-outs were started (for tests). */
    long started() {
        return started;
    }

    /** How many times clean pages were let go (for tests). */
    long released() {
        return released;
    }

    /** Closes the descriptor (once: its number may belong to another file afterwards). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int ignored = (int) Native.CLOSE.get().invokeExact(fd);
        } catch (Throwable t) {
            // Nothing to do.
        }
    }

    /** The system calls, bound once; unavailable off Linux x86-64 or without native access. */
    private static final class Native {

        static final Optional<MethodHandle> OPEN = NativePlatform.libc("open", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
        /** sync_file_range and posix_fadvise alike: (fd, offset, length, flags or advice) -> int. */
        private static final FunctionDescriptor RANGE_CALL = FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT);
        static final Optional<MethodHandle> SYNC_FILE_RANGE = NativePlatform.libc("sync_file_range", RANGE_CALL);
        static final Optional<MethodHandle> FADVISE = NativePlatform.libc("posix_fadvise", RANGE_CALL);
        /** fallocate(fd, mode, offset, length) -> int; optional: sparse sizing stands in for it. */
        static final Optional<MethodHandle> FALLOCATE = NativePlatform.libc("fallocate", FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        static final Optional<MethodHandle> CLOSE = NativePlatform.libc("close",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        static final boolean AVAILABLE = OPEN.isPresent() && SYNC_FILE_RANGE.isPresent() && FADVISE.isPresent()
                && CLOSE.isPresent();
    }
}
