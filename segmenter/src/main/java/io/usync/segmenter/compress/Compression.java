package io.usync.segmenter.compress;

import java.nio.ByteBuffer;

/** What compressing a segment gave: a zstd frame worth using, or advice to store the bytes as they are. */
public sealed interface Compression {

    /** A zstd frame saving at least the configured fraction. */
    record Compressed(ByteBuffer frame) implements Compression {
    }

    /** Compression would not save enough: post the original bytes. */
    record Stored() implements Compression {
    }
}
