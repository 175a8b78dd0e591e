package io.usync.segmenter.compress;

import java.nio.ByteBuffer;

/** What decompressing a frame gave: the original bytes, or a refusal with a reason (bounds exceeded, corrupt frame). */
public sealed interface Decompression {

    /** The decompressed bytes. */
    record Decompressed(ByteBuffer data) implements Decompression {
    }

    /** The frame was refused before or during decompression. */
    record Refused(String reason) implements Decompression {
    }
}
