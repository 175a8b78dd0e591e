package io.usync.download.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SHA-256 of a file hashed while it is written: bytes written at the hashed prefix's end are
 * hashed from memory; bytes written ahead wait (as ranges) until the gap before them fills, then
 * are read back from the file (the page cache). So a download needs no full read-back at the end
 * unless an earlier run wrote part of the file or a range was written twice.
 */
final class RunningDigest {

    private static final int READ_BUFFER = 256 << 10;

    /** Made on first use: NZB files (no SHA-256 to check) never need one. */
    private MessageDigest digest;
    private final TreeMap<Long, Long> ahead = new TreeMap<>();
    private long hashedUpTo;
    private boolean broken;
    private ByteBuffer buffer;

    /** Notes that {@code data} (not yet consumed) was written at {@code offset} of {@code file}. */
    synchronized void written(ByteBuffer data, long offset, PartFile file) throws IOException {
        if (broken) {
            return;
        }
        long end = offset + data.remaining();
        if (offset == hashedUpTo) {
            digest().update(data);
            hashedUpTo = end;
        } else if (offset > hashedUpTo && !ahead.containsKey(offset)) {
            ahead.put(offset, end);
        } else {
            broken = true;
            ahead.clear();
            return;
        }
        for (Map.Entry<Long, Long> next = ahead.firstEntry(); next != null && next.getKey() <= hashedUpTo;
                next = ahead.firstEntry()) {
            ahead.pollFirstEntry();
            if (next.getKey() < hashedUpTo) {
                broken = true;
                ahead.clear();
                return;
            }
            readInto(file, next.getKey(), next.getValue());
            hashedUpTo = next.getValue();
        }
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
        if (broken || hashedUpTo != size || !ahead.isEmpty()) {
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
