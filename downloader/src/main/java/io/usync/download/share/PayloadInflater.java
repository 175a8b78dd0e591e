package io.usync.download.share;

import java.nio.ByteBuffer;

/** Decompresses a sealed segment's zstd payload into exactly the expected number of bytes. */
@FunctionalInterface
public interface PayloadInflater {

    /**
     * Decompresses {@code compressed} into {@code out} (from its position); returns the bytes
     * written, or -1 when the data is not valid or would exceed {@code out}'s remaining space.
     */
    int inflate(ByteBuffer compressed, ByteBuffer out);
}
