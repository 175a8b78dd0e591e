package io.usync.download.output;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.OptionalLong;

/**
 * One unnamed file from {@link AnonymousFiles}, written whole: {@link #commit} gives it its final
 * name, {@link #close} alone drops it (nothing is left on disk). Not thread-safe.
 */
public final class AnonymousFile implements AutoCloseable {

    private final AnonymousFiles files;
    private final int fd;
    private boolean closed;

    AnonymousFile(AnonymousFiles files, int fd) {
        this.files = files;
        this.fd = fd;
    }

    /** Writes all of {@code data} from offset 0. */
    void writeFully(ByteBuffer data) throws IOException {
        MemorySegment bytes = MemorySegment.ofBuffer(data);
        long position = 0;
        while (position < bytes.byteSize()) {
            long n = files.write(fd, bytes.asSlice(position), position);
            if (n <= 0) {
                throw new IOException("cannot write a new file (pwrite failed)");
            }
            position += n;
        }
    }

    /**
     * Links the file under {@code finalPath}; when a file of that name exists it is linked under
     * its part path and renamed over it instead. Then sets the mtime (when given) and closes.
     */
    public void commit(Path finalPath, OptionalLong mtimeMillis) throws IOException {
        int linked = files.link(fd, finalPath);
        if (AnonymousFiles.exists(linked)) {
            Path part = PartFile.partPathOf(finalPath);
            Files.deleteIfExists(part);
            linked = files.link(fd, part);
            if (linked == 0) {
                try {
                    Files.move(part, finalPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(part, finalPath, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        close();
        if (linked != 0) {
            throw new IOException("cannot name " + finalPath.getFileName() + " (linkat error " + -linked + ")");
        }
        if (mtimeMillis.isPresent()) {
            Files.getFileAttributeView(finalPath, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.fromMillis(mtimeMillis.getAsLong()), null, null);
        }
    }

    /** Closes the descriptor; an uncommitted file disappears. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            files.close(fd);
        }
    }
}
