package io.usync.download.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The written prefix of a file (how far from its start every byte is written) and, when asked for,
 * its SHA-256 hashed while it is written: bytes written at the prefix's end are hashed from memory;
 * bytes written ahead wait (as ranges) until the gap before them fills, kept in memory where the
 * {@link SegmentKeeper} has room (with eight connections, 70% of a 1 GiB share's bytes arrived
 * ahead of its prefix), else read back from the file (the page cache). So a download needs no full
 * read-back at the end unless an earlier run wrote part of the file or a range was written twice.
 * Below the prefix nothing is read again, so the file's pages there may leave the page cache
 * ({@link PartFile#releaseCacheBelow}). {@link #discard} lets go of what is kept.
 */
final class RunningDigest {

    private static final int READ_BUFFER = 256 << 10;

    private final boolean hashing;
    /** Made on first use. */
    private MessageDigest digest;
    /** Ranges written ahead of the prefix, by offset. */
    private final TreeMap<Long, Ahead> ahead = new TreeMap<>();
    private long prefix;
    private boolean broken;
    private ByteBuffer buffer;

    /** A range written ahead: where it ends, and its bytes with the action that lets them go when kept (else nulls). */
    private record Ahead(long end, ByteBuffer kept, Runnable release) {

        void letGo() {
            if (release != null) {
                release.run();
            }
        }
    }

    /** A running digest that hashes; {@code hashing} false only tracks the prefix (NZB files: no SHA-256 to check). */
    RunningDigest(boolean hashing) {
        this.hashing = hashing;
    }

    /**
     * Notes that {@code data} (not yet consumed) was written at {@code offset} of {@code file}, and
     * returns the written prefix; {@code keeper} may keep its bytes while they wait to be hashed.
     */
    synchronized long written(ByteBuffer data, long offset, PartFile file, SegmentKeeper keeper) throws IOException {
        if (broken) {
            return prefix;
        }
        long end = offset + data.remaining();
        if (offset == prefix) {
            if (hashing) {
                digest().update(data);
            }
            prefix = end;
        } else if (offset > prefix && !ahead.containsKey(offset)) {
            Optional<Runnable> release = hashing ? keeper.keep() : Optional.empty();
            ahead.put(offset, new Ahead(end, release.isPresent() ? data : null, release.orElse(null)));
        } else {
            discard();
            return prefix;
        }
        for (Map.Entry<Long, Ahead> next = ahead.firstEntry(); next != null && next.getKey() <= prefix;
                next = ahead.firstEntry()) {
            ahead.pollFirstEntry();
            Ahead range = next.getValue();
            try {
                if (next.getKey() < prefix) {
                    discard();
                    return prefix;
                }
                if (range.kept() != null) {
                    digest().update(range.kept());
                } else if (hashing) {
                    readInto(file, next.getKey(), range.end());
                }
            } finally {
                range.letGo();
            }
            prefix = range.end();
        }
        return prefix;
    }

    /**
     * Gives up hashing (a range written twice, or the file is done with) and lets go of every range
     * kept in memory; the prefix stays as it is.
     */
    synchronized void discard() {
        broken = true;
        ahead.values().forEach(Ahead::letGo);
        ahead.clear();
    }

    private void readInto(PartFile file, long from, long to) throws IOException {
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(READ_BUFFER);
        }
        long position = from;
        while (position < to) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), to - position));
            int n = file.read(buffer, position);
            if (n <= 0) {
                throw new IOException("part file ended at " + position);
            }
            buffer.flip();
            digest().update(buffer);
            position += n;
        }
    }

    /** The digest of the whole file if every byte of {@code size} was hashed exactly once. */
    synchronized Optional<byte[]> complete(long size) {
        if (!hashing || broken || prefix != size || !ahead.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(digest().digest());
    }

    private MessageDigest digest() {
        if (digest == null) {
            digest = PartFile.newSha256();
        }
        return digest;
    }
}
