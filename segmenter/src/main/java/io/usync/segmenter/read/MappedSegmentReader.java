package io.usync.segmenter.read;

import io.usync.core.BlobKind;
import io.usync.core.Segment;
import io.usync.core.SourceFile;
import io.usync.segmenter.SegmentPlanner;
import io.usync.segmenter.SegmenterException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads one file blob through memory-mapped windows: each segment is copied out of the mapping into
 * a pooled heap buffer (one copy, which also feeds the SHA-256), so that a file truncated while its
 * segments are being encoded is reported as {@link ReadStep.Changed} by this reader and never
 * faults in the code reading a slice (a truncated mapping raises SIGBUS there, which kills the JVM
 * inside intrinsics such as CRC-32). The size and mtime seen by the scan are checked before each
 * window is mapped (never mapping past the size seen) and at the end. A file of two segments or
 * more is hashed from those copies on a thread of its own ({@link SegmentHasher}), so the calling
 * thread only maps and copies; a copy goes back to the pool once it is both hashed and closed.
 */
public final class MappedSegmentReader implements BlobReader {

    private final Path path;
    private final SourceFile expected;
    private final List<Segment> plan;
    private final long windowSpan;
    private final MessageDigest sha256 = Sha256.newDigest();
    private final ArrayBlockingQueue<byte[]> spare;
    private final int bufferBytes;
    private final int hashQueue;
    private SegmentHasher hasher;
    private FileChannel channel;
    private MappedWindow window;
    private int next;
    private ReadStep finalStep;

    /** Prepares to read {@code file} (found under {@code root}) as blob {@code blobIndex}; opens nothing yet. */
    public MappedSegmentReader(Path root, SourceFile file, int blobIndex, ReaderOptions options) {
        this.path = root.resolve(file.path());
        this.expected = file;
        this.plan = SegmentPlanner.plan(BlobKind.FILE, blobIndex, file.size(), options.articleSize());
        this.windowSpan = options.windowSpan();
        this.spare = new ArrayBlockingQueue<>(Math.max(1, options.pooledBuffers()));
        this.bufferBytes = (int) Math.min(options.articleSize(), file.size());
        this.hashQueue = options.hashQueue();
    }

    @Override
    public ReadStep next() {
        if (finalStep != null) {
            return finalStep;
        }
        try {
            if (channel == null) {
                channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                Optional<ReadStep.Changed> changed = changedSinceScan();
                if (changed.isPresent()) {
                    return finish(changed.get());
                }
            }
            if (next == plan.size()) {
                return finish(changedSinceScan().<ReadStep>map(c -> c)
                        .orElseGet(() -> new ReadStep.Done(hasher != null ? hasher.digest() : sha256.digest(), List.of())));
            }
            Segment segment = plan.get(next);
            if (window == null || segment.range().end() > window.end()) {
                releaseWindow();
                long size = channel.size();
                if (size < expected.size()) {
                    return finish(new ReadStep.Changed(expected.path(), "shrank from " + expected.size() + " to " + size + " bytes while reading"));
                }
                long start = segment.range().offset();
                window = MappedWindow.map(channel, start, Math.min(windowSpan, expected.size() - start));
            }
            int length = (int) segment.range().length();
            byte[] copy = buffer();
            try {
                window.copy(segment.range().offset(), copy, 0, length);
            } catch (InternalError e) {
                // The file was truncated after its size was checked: the mapping no longer covers it.
                spare.offer(copy);
                return finish(new ReadStep.Changed(expected.path(), "was truncated while reading"));
            }
            next++;
            ByteBuffer data = ByteBuffer.wrap(copy, 0, length).slice().asReadOnlyBuffer();
            Runnable release;
            if (plan.size() == 1) {
                sha256.update(copy, 0, length);
                release = () -> spare.offer(copy);
            } else {
                if (hasher == null) {
                    hasher = new SegmentHasher(hashQueue);
                }
                // Back to the pool once hashed and closed, in either order.
                AtomicInteger users = new AtomicInteger(2);
                release = () -> {
                    if (users.decrementAndGet() == 0) {
                        spare.offer(copy);
                    }
                };
                hasher.add(copy, length, release);
            }
            return new ReadStep.Next(new SegmentSlice(segment, data, release));
        } catch (NoSuchFileException e) {
            return finish(new ReadStep.Changed(expected.path(), "disappeared before it was read"));
        } catch (IOException e) {
            throw new SegmenterException.ReadFailed("cannot read " + expected.path() + ": " + e.getMessage(), e);
        }
    }

    /** A reused copy buffer when a closed slice gave one back, else a new one. */
    private byte[] buffer() {
        byte[] b = spare.poll();
        return b != null ? b : new byte[bufferBytes];
    }

    private Optional<ReadStep.Changed> changedSinceScan() throws IOException {
        long size = channel.size();
        long mtime = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis();
        if (size != expected.size()) {
            return Optional.of(new ReadStep.Changed(expected.path(), "size changed from " + expected.size() + " to " + size + " bytes"));
        }
        if (mtime != expected.mtimeMillis()) {
            return Optional.of(new ReadStep.Changed(expected.path(), "was modified after the scan"));
        }
        return Optional.empty();
    }

    private ReadStep finish(ReadStep step) {
        finalStep = step;
        close();
        return step;
    }

    private void releaseWindow() {
        if (window != null) {
            window.release();
            window = null;
        }
    }

    @Override
    public void close() {
        if (hasher != null) {
            hasher.close();
        }
        releaseWindow();
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new SegmenterException.ReadFailed("cannot close " + expected.path() + ": " + e.getMessage(), e);
            }
        }
    }
}
