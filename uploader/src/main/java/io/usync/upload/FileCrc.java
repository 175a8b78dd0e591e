package io.usync.upload;

import io.usync.segmenter.yenc.Crc32s;

/**
 * The whole-file CRC-32 of one blob in plain mode, put together from its parts' CRC-32s (CRC
 * combination) as they become known: the encoders report the part CRCs they compute for the yEnc
 * trailers anyway and the reader computes only those of parts it does not post, so no byte is
 * run through CRC-32 twice; the encoder of the last part waits for the parts before it. Abandoned
 * when a part cannot be encoded, so that nothing waits for it for ever. Thread-safe.
 */
final class FileCrc {

    private final int[] crc;
    private final long[] length;
    private final boolean[] known;
    private int prefixParts;
    private int prefixCrc;
    private boolean abandoned;

    /** Creates the CRC of a blob of {@code parts} parts (0 for an empty file), none known yet. */
    FileCrc(int parts) {
        if (parts < 0) {
            throw new IllegalArgumentException("negative part count " + parts);
        }
        this.crc = new int[parts];
        this.length = new long[parts];
        this.known = new boolean[parts];
    }

    /** Records the CRC-32 of part {@code index} ({@code bytes} long); a part recorded twice keeps its first value. */
    synchronized void part(int index, int partCrc, long bytes) {
        if (known[index]) {
            return;
        }
        crc[index] = partCrc;
        length[index] = bytes;
        known[index] = true;
        boolean advanced = false;
        while (prefixParts < known.length && known[prefixParts]) {
            prefixCrc = Crc32s.combine(prefixCrc, crc[prefixParts], length[prefixParts]);
            prefixParts++;
            advanced = true;
        }
        if (advanced) {
            notifyAll();
        }
    }

    /**
     * The CRC-32 of the parts before part {@code index}, waiting until all of them are known; the
     * part itself must not have been recorded yet.
     */
    synchronized int before(int index) throws InterruptedException {
        while (prefixParts < index) {
            if (abandoned) {
                throw new IllegalStateException("the file CRC-32 is abandoned: an earlier part could not be encoded");
            }
            wait();
        }
        if (prefixParts != index) {
            throw new IllegalStateException("part " + index + " was recorded before its file CRC-32 was asked for");
        }
        return prefixCrc;
    }

    /** Gives up: a part will never be recorded, so waiting for it fails at once. */
    synchronized void abandon() {
        abandoned = true;
        notifyAll();
    }
}
