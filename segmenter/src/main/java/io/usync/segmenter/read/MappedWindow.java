package io.usync.segmenter.read;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;

/** One read-only mapped span of a file, unmapped by {@link #release()}; only the reader that mapped it reads it. */
final class MappedWindow {

    private final Arena arena;
    private final MemorySegment mapped;
    private final long start;

    private MappedWindow(Arena arena, MemorySegment mapped, long start) {
        this.arena = arena;
        this.mapped = mapped;
        this.start = start;
    }

    /** Maps {@code [start, start + length)} of the channel; the caller has checked the file is at least that long. */
    static MappedWindow map(FileChannel channel, long start, long length) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            return new MappedWindow(arena, channel.map(FileChannel.MapMode.READ_ONLY, start, length, arena), start);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    long end() {
        return start + mapped.byteSize();
    }

    /**
     * Copies {@code [offset, offset + length)} of the file into {@code into} from {@code at}; a page the file no
     * longer covers (it was truncated after mapping) raises {@link InternalError} here, in a copy
     * the JVM guards, instead of crashing whichever code would read the mapping later.
     */
    void copy(long offset, byte[] into, int at, int length) {
        MemorySegment.copy(mapped, ValueLayout.JAVA_BYTE, offset - start, into, at, length);
    }

    /** Unmaps the window. */
    void release() {
        arena.close();
    }
}
