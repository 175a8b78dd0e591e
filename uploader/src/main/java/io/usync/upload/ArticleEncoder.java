package io.usync.upload;

import io.usync.core.MessageId;
import io.usync.core.Segment;
import java.nio.ByteBuffer;

/**
 * Turns one segment's bytes into a postable article (share mode: seal and obfuscate; plain mode:
 * standard multipart yEnc). One per worker thread: implementations need not be thread-safe; the
 * segments of one blob may reach different encoders, in any order.
 */
interface ArticleEncoder {

    /**
     * Encodes segment {@code segment} of {@code blob} (its {@code data}) under attempt
     * {@code attempt}; {@code runningCrc} is the CRC-32 of the blob's bytes up to the end of this
     * segment when {@link #needsRunningCrc()}, else 0.
     */
    EncodedArticle encode(PlannedBlob blob, Segment segment, ByteBuffer data, int attempt, int runningCrc);

    /** Whether the reader must compute the blob's running CRC-32 for {@link #encode} (plain mode's file CRC). */
    default boolean needsRunningCrc() {
        return false;
    }

    /** The Message-ID of a segment under an attempt number. */
    MessageId messageId(PlannedBlob blob, int segmentIndex, int attempt);
}
