package io.usync.download.output;

import io.usync.core.path.DownloadState;
import io.usync.segmenter.read.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A file being downloaded: {@code <name>.usync-part} next to its final path, sized up front,
 * written only at positional offsets (no reassembly), hashed when complete and renamed into place.
 * A symbolic link at the part or the final name is replaced, never written through.
 */
public final class PartFile implements AutoCloseable {

    /** The suffix of files that are still being downloaded. */
    public static final String SUFFIX = DownloadState.PART_SUFFIX;

    private static final int HASH_BUFFER = 1 << 20;

    /** Files up to this size are not preallocated: their bytes arrive in one or two writes. */
    private static final long SPARSE_THRESHOLD = 1 << 20;

    private final Path finalPath;
    private final Path partPath;
    private final long size;
    private final FileChannel channel;
    /** Starts the write-out of large files' pages as they are written; null for small files. */
    private final EarlyWriteback writeback;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicLong writtenEnd = new AtomicLong();
    private final ReentrantLock writeLock = new ReentrantLock();

    private PartFile(Path finalPath, Path partPath, long size, FileChannel channel) {
        this.finalPath = finalPath;
        this.partPath = partPath;
        this.size = size;
        this.channel = channel;
        this.writeback = size > EarlyWriteback.STRIDE ? EarlyWriteback.of(partPath).orElse(null) : null;
    }

    /** The part path that belongs to a final path. */
    public static Path partPathOf(Path finalPath) {
        return finalPath.resolveSibling(finalPath.getFileName() + SUFFIX);
    }

    /**
     * Opens (or creates) the part file of {@code finalPath} for {@code size} bytes (preallocated
     * above 1 MiB), keeping what an earlier run wrote unless the file is too long.
     */
    public static PartFile open(Path finalPath, long size) throws IOException {
        Path part = partPathOf(finalPath);
        Optional<FileChannel> created = createNew(part);
        if (created.isEmpty() && Files.isSymbolicLink(part)) {
            // A link under the part file's name is no earlier run's part file: replace it, never write through it.
            Files.delete(part);
            created = createNew(part);
        }
        if (created.isPresent()) {
            // A new, empty file: no earlier run's bytes to keep and no size to ask for.
            return sized(finalPath, part, size, created.get(), true);
        }
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        boolean empty;
        try {
            long existing = channel.size();
            if (existing > size) {
                channel.truncate(0);
                existing = 0;
            }
            empty = existing == 0;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return sized(finalPath, part, size, channel, empty);
    }

    /** The part file over {@code channel}, preallocated when {@code empty} (closed again if that fails). */
    private static PartFile sized(Path finalPath, Path part, long size, FileChannel channel, boolean empty)
            throws IOException {
        PartFile file = null;
        try {
            file = new PartFile(finalPath, part, size, channel);
            if (empty) {
                file.preallocate();
            }
            return file;
        } catch (IOException | RuntimeException e) {
            if (file == null) {
                channel.close();
            } else {
                file.closeChannels();
            }
            throw e;
        }
    }

    /**
     * Creates the part file if it does not exist yet (the usual case, one system call fewer than
     * opening and asking its size), or empty when an earlier run left one.
     */
    private static Optional<FileChannel> createNew(Path part) throws IOException {
        try {
            return Optional.of(createNewChannel(part));
        } catch (FileAlreadyExistsException e) {
            return Optional.empty();
        } catch (NoSuchFileException e) {
            // The planner creates the manifest's folders; only a folder made by nobody costs a retry.
            Files.createDirectories(part.getParent());
            try {
                return Optional.of(createNewChannel(part));
            } catch (FileAlreadyExistsException again) {
                return Optional.empty();
            }
        }
    }

    private static FileChannel createNewChannel(Path part) throws IOException {
        return FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /**
     * Preallocation above 1 MiB (the planner checked free space for the full size): files with an
     * early write-out get their blocks allocated ({@link EarlyWriteback#allocate}), others and file
     * systems that cannot are sized sparsely. Smaller files grow as they are written, so what an
     * earlier run wrote is kept either way.
     */
    private void preallocate() throws IOException {
        if (size <= SPARSE_THRESHOLD || writeback != null && writeback.allocate(size)) {
            return;
        }
        channel.write(ByteBuffer.allocate(1), size - 1);
    }

    /** The final path this part file becomes. */
    public Path finalPath() {
        return finalPath;
    }

    /** The path of the part file itself. */
    public Path partPath() {
        return partPath;
    }

    /** The file's full size in bytes. */
    public long size() {
        return size;
    }

    /** Writes all of {@code data} at {@code offset}; the range must lie inside the file. */
    public void write(ByteBuffer data, long offset) throws IOException {
        if (offset < 0 || offset + data.remaining() > size) {
            throw new IOException("write of " + data.remaining() + " bytes at " + offset
                    + " is outside " + partPath.getFileName() + " (" + size + " bytes)");
        }
        long position = offset;
        // One writer at a time per file: the kernel serialises writes to one inode anyway, and a
        // writer waiting there spins on the CPU for as long as the other one copies (rwsem
        // optimistic spinning), where one waiting here sleeps.
        writeLock.lock();
        try {
            while (data.hasRemaining()) {
                position += channel.write(data, position);
            }
            if (writeback != null) {
                writeback.written(position - offset);
            }
        } finally {
            writeLock.unlock();
        }
        writtenEnd.accumulateAndGet(position, Math::max);
        dirty.set(true);
    }

    /**
     * Notes that the bytes below {@code end} are written and never read again in this run, so that
     * their pages may leave the page cache once they are on the device (see {@link EarlyWriteback}).
     */
    void releaseCacheBelow(long end) {
        if (writeback == null) {
            return;
        }
        writeLock.lock();
        try {
            writeback.releasable(end);
        } finally {
            writeLock.unlock();
        }
    }

    /** Reads into {@code buffer} from {@code position}; returns the bytes read (-1 at the end). */
    int read(ByteBuffer buffer, long position) throws IOException {
        return channel.read(buffer, position);
    }

    /** Syncs written data to the device if anything was written since the last sync. */
    public void sync() throws IOException {
        if (dirty.getAndSet(false)) {
            channel.force(false);
        }
    }

    /** Computes the SHA-256 of the part file's full content. */
    public byte[] sha256() throws IOException {
        return sha256(channel, size);
    }

    /** Computes the SHA-256 of the first {@code size} bytes of an open channel. */
    public static byte[] sha256(FileChannel channel, long size) throws IOException {
        MessageDigest digest = newSha256();
        ByteBuffer buffer = ByteBuffer.allocateDirect(HASH_BUFFER);
        long position = 0;
        while (position < size) {
            buffer.clear();
            if (size - position < buffer.capacity()) {
                buffer.limit((int) (size - position));
            }
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new IOException("file ended at " + position + " of " + size + " bytes");
            }
            buffer.flip();
            digest.update(buffer);
            position += n;
        }
        return digest.digest();
    }

    /** Computes the SHA-256 of a whole file on disk (never through a symbolic link). */
    public static byte[] sha256(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return sha256(channel, channel.size());
        }
    }

    /** A fresh SHA-256 digest: libusync-yenc's on the CPU's SHA extensions where it loaded, else the JDK's. */
    public static MessageDigest newSha256() {
        return Sha256.newDigest();
    }

    /**
     * Closes the part file and renames it to its final path (unsynced: see {@link #syncFile}),
     * then sets its mtime when one is given (a file whose time nobody recorded keeps the time it was
     * written: setting "now" again would cost four system calls per file for nothing).
     */
    public void commit(OptionalLong mtimeMillis) throws IOException {
        if (writtenEnd.get() < size && channel.size() < size) {
            // A small file is not preallocated: give it its full size, as preallocation would have.
            channel.write(ByteBuffer.allocate(1), size - 1);
        }
        closeChannels();
        try {
            Files.move(partPath, finalPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partPath, finalPath, StandardCopyOption.REPLACE_EXISTING);
        }
        if (mtimeMillis.isPresent()) {
            // Without following links: the path is the regular file just renamed into place.
            Files.getFileAttributeView(finalPath, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.fromMillis(mtimeMillis.getAsLong()), null, null);
        }
    }

    /**
     * Syncs a committed file's data and metadata to the device, through a descriptor of its own
     * (fsync applies to the file, whichever descriptor asks; never through a symbolic link).
     */
    public static void syncFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            channel.force(true);
        }
    }

    /** Closes the channel and deletes the part file (its content could not be verified). */
    public void discard() throws IOException {
        closeChannels();
        Files.deleteIfExists(partPath);
    }

    /** Closes the channel and the write-out's descriptor. */
    private void closeChannels() throws IOException {
        if (writeback != null) {
            writeLock.lock();
            try {
                writeback.close();
            } finally {
                writeLock.unlock();
            }
        }
        channel.close();
    }

    /** Closes the channel, keeping the part file for a later resume. */
    @Override
    public void close() {
        try {
            closeChannels();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
