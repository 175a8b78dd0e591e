package io.usync.download.fetch;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A verified article payload ready to write: {@code data} (readable bytes) belongs at
 * {@code offset} of a file (or blob) of {@code fileSize} bytes; {@code yencName} is the name the
 * yEnc header gave, {@code crc32} the part's CRC and {@code fileCrc32} the whole file's CRC when the
 * part carried one. The holder must {@link #release()} it.
 */
public record DecodedSegment(ByteBuf data, long offset, long fileSize, Optional<String> yencName, int crc32,
        OptionalInt fileCrc32) {

    /** Validates the placement. */
    public DecodedSegment {
        if (data == null || yencName == null || fileCrc32 == null || offset < 0 || fileSize < 0
                || offset + data.readableBytes() > fileSize) {
            throw new IllegalArgumentException("segment at " + offset + " does not fit a file of " + fileSize);
        }
    }

    /** Releases the pooled buffer. */
    public void release() {
        data.release();
    }
}
