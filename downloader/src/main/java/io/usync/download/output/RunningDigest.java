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
 * bytes written ahead wait (as ranges) until the gap before them fills, then are read back from the
 * file (the page cache). So a download needs no full read-back at the end unless an earlier run
 * wrote part of the file or a range was written twice. Below the prefix nothing is read again, so
 * the file's pages there may leave the page cache ({@link PartFile#releaseCacheBelow}).
 */
final class RunningDigest {

    private static final int READ_BUFFER = 256 << 10;

    private final boolean hashing;
    /** Made on first use. */
    private MessageDigest digest;
    private final TreeMap<Long, Long> ahead = new TreeMap<>();
    private long prefix;
    private boolean broken;
    private ByteBuffer buffer;

    /** A running digest that hashes; {@code hashing} false only tracks the prefix (NZB files: no SHA-256 to check). */
    RunningDigest(boolean hashing) {
        this.hashing = hashing;
    }

    /**
     * Notes that {@code data} (not yet consumed) was written at {@code offset} of {@code file}, and
     * returns the written prefix.
     */
    synchronized long written(ByteBuffer data, long offset, PartFile file) throws IOException {
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
            ahead.put(offset, end);
        } else {
            broken = true;
            ahead.clear();
            return prefix;
        }
        for (Map.Entry<Long, Long> next = ahead.firstEntry(); next != null && next.getKey() <= prefix;
                next = ahead.firstEntry()) {
            ahead.pollFirstEntry();
            if (next.getKey() < prefix) {
                broken = true;
                ahead.clear();
                return prefix;
            }
            if (hashing) {
                readInto(file, next.getKey(), next.getValue());
            }
            prefix = next.getValue();
        }
        return prefix;
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
