package io.usync.segmenter.read;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicInteger;

/** One read-only mapped span of a file, unmapped when the reader and every slice handed out have released it. */
final class MappedWindow {

    private final Arena arena;
    private final MemorySegment mapped;
    private final long start;
    private final AtomicInteger references = new AtomicInteger(1);

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

    /** A read-only view of {@code [offset, offset + length)} of the file, holding a reference to this window. */
    ByteBuffer slice(long offset, long length) {
        references.incrementAndGet();
        return mapped.asSlice(offset - start, length).asByteBuffer().asReadOnlyBuffer();
    }

    /** Drops one reference; the last one unmaps the window. */
    void release() {
        if (references.decrementAndGet() == 0) {
            arena.close();
        }
    }
}
