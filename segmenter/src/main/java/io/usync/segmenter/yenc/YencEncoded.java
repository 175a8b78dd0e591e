package io.usync.segmenter.yenc;

/** What encoding one part produced: the part's CRC-32 (for combining into the file CRC) and the bytes written. */
public record YencEncoded(int partCrc32, int encodedBytes) {

    /** Validates the byte count. */
    public YencEncoded {
        if (encodedBytes < 0) {
            throw new IllegalArgumentException("negative encoded size " + encodedBytes);
        }
    }
}
