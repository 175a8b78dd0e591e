package io.usync.download.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The resume state of one download: an append-only text log under {@code <out>/.usync/} of the
 * segments written and the files verified. Records are batched; a flush first syncs the data they
 * describe, then appends and syncs the log, so a record never claims bytes that could be lost.
 * A torn last line (a kill mid-append) is ignored on load. A complete download {@link #discard}s it.
 */
public final class ResumeLog implements AutoCloseable {

    /** Syncs the data that pending records describe, before the records are made durable. */
    @FunctionalInterface
    public interface DataSync {
        /** Makes every written byte durable. */
        void sync() throws IOException;
    }

    private static final String HEADER = "usync-resume 1 ";

    private final Path file;
    private final FileChannel channel;
    private final Map<Integer, BitSet> segments;
    private final Set<Integer> verified;
    private final ReentrantLock flushLock = new ReentrantLock();
    private StringBuilder pending = new StringBuilder();
    private int pendingRecords;
    private final boolean resumed;

    private ResumeLog(Path file, FileChannel channel, Map<Integer, BitSet> segments, Set<Integer> verified,
            boolean resumed) {
        this.resumed = resumed;
        this.file = file;
        this.channel = channel;
        this.segments = segments;
        this.verified = verified;
    }

    /**
     * Opens the log for the download identified by {@code fingerprint} (hex), loading what an
     * earlier run recorded; a log written for another fingerprint is never read.
     */
    public static ResumeLog open(Path stateDir, String fingerprint) throws IOException {
        if (!fingerprint.matches("[0-9a-f]{8,128}")) {
            throw new IllegalArgumentException("fingerprint must be lowercase hex");
        }
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve(fingerprint + ".log");
        Map<Integer, BitSet> segments = new HashMap<>();
        Set<Integer> verified = new HashSet<>();
        boolean valid = false;
        if (Files.isSymbolicLink(file)) {
            // No log of ours, and never read or written through.
            Files.delete(file);
        }
        boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        if (existed) {
            valid = load(Files.readString(file, StandardCharsets.ISO_8859_1), fingerprint, segments, verified);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        if (!valid) {
            channel.truncate(0);
            segments.clear();
            verified.clear();
            write(channel, HEADER + fingerprint + "\n");
            channel.force(false);
        }
        channel.position(channel.size());
        return new ResumeLog(file, channel, segments, verified, existed);
    }

    private static boolean load(String text, String fingerprint, Map<Integer, BitSet> segments,
            Set<Integer> verified) {
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return false;
        }
        String[] lines = text.substring(0, end).split("\n");
        if (!lines[0].equals(HEADER + fingerprint)) {
            return false;
        }
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            try {
                switch (f[0]) {
                    case "s" -> {
                        if (f.length == 3) {
                            segments.computeIfAbsent(Integer.parseInt(f[1]), k -> new BitSet())
                                    .set(Integer.parseInt(f[2]));
                        }
                    }
                    case "v" -> verified.add(Integer.parseInt(f[1]));
                    case "f" -> {
                        int target = Integer.parseInt(f[1]);
                        segments.remove(target);
                        verified.remove(target);
                    }
                    default -> { }
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // A damaged line records nothing: that segment is fetched again.
            }
        }
        return true;
    }

    /** Whether an earlier run of this download left its log (and so perhaps part files). */
    public boolean resumed() {
        return resumed;
    }

    /** The log's path. */
    public Path path() {
        return file;
    }

    /** Whether an earlier run recorded segment {@code segment} of file {@code target} as written. */
    public synchronized boolean segmentDone(int target, int segment) {
        BitSet set = segments.get(target);
        return set != null && set.get(segment);
    }

    /** Whether an earlier run (or this one) verified file {@code target} and renamed it into place. */
    public synchronized boolean fileVerified(int target) {
        return verified.contains(target);
    }

    /** Records that a segment's verified bytes were written; durable after the next flush. */
    public synchronized void recordSegment(int target, int segment) {
        segments.computeIfAbsent(target, k -> new BitSet()).set(segment);
        pending.append("s ").append(target).append(' ').append(segment).append('\n');
        pendingRecords++;
    }

    /** Records that a file was verified and renamed into place; durable after the next flush. */
    public synchronized void recordVerified(int target) {
        verified.add(target);
        pending.append("v ").append(target).append('\n');
        pendingRecords++;
    }

    /** Forgets every record of a file (its content failed verification and is fetched again). */
    public synchronized void forget(int target) {
        segments.remove(target);
        verified.remove(target);
        pending.append("f ").append(target).append('\n');
        pendingRecords++;
    }

    /** How many records wait for a flush. */
    public synchronized int pendingRecords() {
        return pendingRecords;
    }

    /** Syncs the data through {@code dataSync}, then appends and syncs the pending records. */
    public void flush(DataSync dataSync) throws IOException {
        flushLock.lock();
        flushLocked(dataSync);
    }

    /**
     * Like {@link #flush} unless another thread is flushing now, in which case it returns at once
     * (that flush, or the next, takes these records): writers never queue behind an fsync.
     */
    public void flushUnlessBusy(DataSync dataSync) throws IOException {
        if (flushLock.tryLock()) {
            flushLocked(dataSync);
        }
    }

    /** Flushes with {@code flushLock} held, and releases it. */
    private void flushLocked(DataSync dataSync) throws IOException {
        try {
            String batch;
            synchronized (this) {
                if (pendingRecords == 0) {
                    return;
                }
                batch = pending.toString();
                pending = new StringBuilder();
                pendingRecords = 0;
            }
            dataSync.sync();
            write(channel, batch);
            channel.force(false);
        } finally {
            flushLock.unlock();
        }
    }

    private static void write(FileChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Closes the log and deletes it, then its folder when no other download's log is left there:
     * a complete download leaves no state behind, and neither does one refused before it began.
     */
    public void discard() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
        try {
            Files.deleteIfExists(file.getParent());
        } catch (DirectoryNotEmptyException e) {
            // Another download into the same folder keeps its resume state.
        }
    }

    /** Closes the log without flushing (call {@link #flush} first to keep pending records). */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
