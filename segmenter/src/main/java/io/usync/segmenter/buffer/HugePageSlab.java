package io.usync.segmenter.buffer;

import io.usync.segmenter.NativePlatform;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Memory for decode buffers that the kernel may back with 2 MiB pages: one anonymous private
 * mapping, advised {@code MADV_HUGEPAGE}, handed out from the front and never given back piecemeal
 * (the caller keeps what it takes for reuse). The mapping is unmapped once no buffer taken from it
 * is reachable any more.
 *
 * <p>Every first touch of a 4 KiB page is a page fault, and on a virtual machine a fault is dear:
 * a 1 GiB share download faulted about 5,000 times in the decode buffers' first use alone, at about
 * 20 microseconds each on this project's machines, on the event loops. A 2 MiB page costs one
 * fault. Where the system has no transparent huge pages (or is not Linux x86-64), there is no slab
 * and buffers come from the JDK as before; pages the kernel cannot make huge stay small.
 */
final class HugePageSlab {

    /** The size of a huge page on x86-64. */
    static final long HUGE_PAGE = 2L << 20;

    private static final int PROT_READ_WRITE = 0x3;
    private static final int MAP_PRIVATE_ANONYMOUS_NORESERVE = 0x02 | 0x20 | 0x4000;
    private static final int MADV_HUGEPAGE = 14;

    private final MemorySegment memory;
    private long used;

    private HugePageSlab(MemorySegment memory) {
        this.memory = memory;
    }

    /**
     * A slab of at least {@code bytes}, or empty where huge pages cannot be asked for (not Linux
     * x86-64, no native access, transparent huge pages off, or the mapping refused).
     */
    static Optional<HugePageSlab> reserve(long bytes) {
        if (bytes <= 0 || !Native.AVAILABLE) {
            return Optional.empty();
        }
        long length = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE + HUGE_PAGE;
        try {
            MemorySegment mapped = (MemorySegment) Native.MMAP.get().invokeExact(MemorySegment.NULL, length,
                    PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS_NORESERVE, -1, 0L);
            if (mapped.address() == -1L || mapped.address() == 0L) {
                return Optional.empty();
            }
            long base = mapped.address();
            MemorySegment whole = mapped.reinterpret(length, Arena.ofAuto(), s -> Native.unmap(base, length));
            // The mapping need not start on a huge page; the slab does (a huge page must be aligned).
            long skip = (HUGE_PAGE - base % HUGE_PAGE) % HUGE_PAGE;
            MemorySegment aligned = whole.asSlice(skip, length - HUGE_PAGE);
            int advised = (int) Native.MADVISE.get().invokeExact(aligned, aligned.byteSize(), MADV_HUGEPAGE);
            if (advised != 0) {
                // EINVAL: no transparent huge pages in this kernel; the mapping goes when unreachable.
                return Optional.empty();
            }
            return Optional.of(new HugePageSlab(aligned));
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    /** The next {@code size} bytes (a multiple of 64 to keep buffers cache-line aligned), or empty when the slab is used up. */
    synchronized Optional<ByteBuffer> take(int size) {
        long rounded = (size + 63L) & -64L;
        if (size <= 0 || used + rounded > memory.byteSize()) {
            return Optional.empty();
        }
        ByteBuffer buffer = memory.asSlice(used, size).asByteBuffer();
        used += rounded;
        return Optional.of(buffer);
    }

    /** The slab's size. */
    long capacity() {
        return memory.byteSize();
    }

    /** The slab's first address (a huge page boundary). */
    long address() {
        return memory.address();
    }

    /** The system calls, bound once where transparent huge pages are offered. */
    private static final class Native {

        static final boolean OFFERED = hugePagesOffered();
        static final Optional<MethodHandle> MMAP = OFFERED ? NativePlatform.libc("mmap", FunctionDescriptor.of(
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG)) : Optional.empty();
        static final Optional<MethodHandle> MADVISE = OFFERED ? NativePlatform.libc("madvise", FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT)) : Optional.empty();
        static final Optional<MethodHandle> MUNMAP = OFFERED ? NativePlatform.libc("munmap", FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG)) : Optional.empty();
        static final boolean AVAILABLE = MMAP.isPresent() && MADVISE.isPresent() && MUNMAP.isPresent();

        /** Whether transparent huge pages may be asked for ("always" or "madvise", not "never"). */
        private static boolean hugePagesOffered() {
            try {
                String mode = java.nio.file.Files.readString(
                        java.nio.file.Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
                return mode.contains("[always]") || mode.contains("[madvise]");
            } catch (java.io.IOException | RuntimeException e) {
                return false;
            }
        }

        static void unmap(long address, long length) {
            try {
                int ignored = (int) MUNMAP.get().invokeExact(address, length);
            } catch (Throwable t) {
                // Nothing to do: the address space stays reserved until the process ends.
            }
        }
    }
}
