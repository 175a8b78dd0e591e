package io.usync.segmenter.read;

import io.usync.core.BlobKind;
import io.usync.core.Segment;
import io.usync.core.SourceFile;
import io.usync.segmenter.SegmentPlanner;
import io.usync.segmenter.SegmenterException;
import io.usync.segmenter.pack.PackEntry;
import io.usync.segmenter.pack.PackLayout;
import io.usync.segmenter.pack.PackMember;
import io.usync.segmenter.pack.PackTable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a pack blob segment by segment: member files are read in order into pooled buffers, each
 * member and the whole pack are hashed on the way, and the table and trailer (built from those
 * hashes) follow the data. A member that changed since the scan ends the read with {@link ReadStep.Changed}.
 */
public final class PackSegmentReader implements BlobReader {

    private final Path root;
    private final PackLayout layout;
    private final List<SourceFile> files;
    private final SegmentBufferPool pool;
    private final List<Segment> plan;
    private final MessageDigest packDigest = Sha256.newDigest();
    private final MessageDigest memberDigest = Sha256.newDigest();
    private final List<PackEntry> entries = new ArrayList<>();
    private byte[] tail;
    private int member;
    private long memberRead;
    private FileChannel channel;
    private int next;
    private ReadStep finalStep;

    /** Prepares to read pack {@code layout}, whose members index into {@code files} (the scan's list) under {@code root}. */
    public PackSegmentReader(Path root, PackLayout layout, List<SourceFile> files, ReaderOptions options,
                             SegmentBufferPool pool) {
        this.root = root;
        this.layout = layout;
        this.files = files;
        this.pool = pool;
        this.plan = SegmentPlanner.plan(BlobKind.PACK, layout.packIndex(), layout.blobBytes(), options.articleSize());
    }

    @Override
    public ReadStep next() {
        if (finalStep != null) {
            return finalStep;
        }
        if (next == plan.size()) {
            return finish(new ReadStep.Done(packDigest.digest(), entries));
        }
        Segment segment = plan.get(next);
        ByteBuffer buffer = pool.acquire();
        try {
            buffer.limit((int) segment.range().length());
            Optional<ReadStep.Changed> changed = fill(buffer, segment.range().offset());
            if (changed.isPresent()) {
                pool.release(buffer);
                return finish(changed.get());
            }
        } catch (IOException | RuntimeException e) {
            pool.release(buffer);
            closeMember();
            if (e instanceof NoSuchFileException) {
                return finish(new ReadStep.Changed(layout.members().get(member).path(), "disappeared before it was read"));
            }
            throw new SegmenterException.ReadFailed("cannot read pack " + layout.packIndex() + ": " + e.getMessage(), e);
        }
        buffer.flip();
        packDigest.update(buffer.duplicate());
        next++;
        return new ReadStep.Next(new SegmentSlice(segment, buffer.asReadOnlyBuffer(), () -> pool.release(buffer)));
    }

    /** Fills the buffer with pack bytes from {@code position}: member data first, then table and trailer. */
    private Optional<ReadStep.Changed> fill(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (position < layout.dataBytes()) {
                PackMember m = layout.members().get(member);
                if (channel == null) {
                    openMember(m);
                }
                int want = (int) Math.min(buffer.remaining(), m.length() - memberRead);
                ByteBuffer target = buffer.slice(buffer.position(), want);
                while (target.hasRemaining()) {
                    if (channel.read(target, memberRead + target.position()) < 0) {
                        return Optional.of(new ReadStep.Changed(m.path(), "shrank while reading"));
                    }
                }
                memberDigest.update(buffer.slice(buffer.position(), want));
                buffer.position(buffer.position() + want);
                memberRead += want;
                position += want;
                if (memberRead == m.length()) {
                    Optional<ReadStep.Changed> changed = closeMemberChecked(m);
                    if (changed.isPresent()) {
                        return changed;
                    }
                }
            } else {
                if (tail == null) {
                    byte[] table = PackTable.encode(entries);
                    byte[] trailer = PackTable.trailer(layout.dataBytes(), table);
                    tail = new byte[table.length + trailer.length];
                    System.arraycopy(table, 0, tail, 0, table.length);
                    System.arraycopy(trailer, 0, tail, table.length, trailer.length);
                }
                int from = (int) (position - layout.dataBytes());
                int n = Math.min(buffer.remaining(), tail.length - from);
                buffer.put(tail, from, n);
                position += n;
            }
        }
        return Optional.empty();
    }

    private void openMember(PackMember m) throws IOException {
        channel = FileChannel.open(root.resolve(m.path()), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        memberRead = 0;
        memberDigest.reset();
    }

    private Optional<ReadStep.Changed> closeMemberChecked(PackMember m) throws IOException {
        Optional<ReadStep.Changed> changed = changedSinceScan(m, root.resolve(m.path()));
        closeMember();
        entries.add(new PackEntry(m.path(), m.offset(), m.length(), memberDigest.digest()));
        member++;
        return changed;
    }

    /** One stat after reading: a member changed before or during the read shows a new size or mtime now. */
    private Optional<ReadStep.Changed> changedSinceScan(PackMember m, Path path) throws IOException {
        SourceFile scanned = files.get(m.fileIndex());
        BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        long size = now.size();
        if (size != m.length() || size != scanned.size()) {
            return Optional.of(new ReadStep.Changed(m.path(), "size changed from " + m.length() + " to " + size + " bytes"));
        }
        if (now.lastModifiedTime().toMillis() != scanned.mtimeMillis()) {
            return Optional.of(new ReadStep.Changed(m.path(), "was modified after the scan"));
        }
        return Optional.empty();
    }

    private void closeMember() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Read-only channel: nothing was written, nothing to lose.
            }
            channel = null;
        }
    }

    private ReadStep finish(ReadStep step) {
        finalStep = step;
        close();
        return step;
    }

    @Override
    public void close() {
        closeMember();
    }
}
