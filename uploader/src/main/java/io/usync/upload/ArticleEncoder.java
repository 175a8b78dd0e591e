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
     * {@code attempt}; {@code fileCrc} is the blob's whole-file CRC-32 being put together from its
     * parts when {@link #needsFileCrc()} (the encoder of the last part may wait on it), else null.
     */
    EncodedArticle encode(PlannedBlob blob, Segment segment, ByteBuffer data, int attempt, FileCrc fileCrc)
            throws InterruptedException;

    /** Whether {@link #encode} needs the blob's whole-file CRC-32 (plain mode's last part carries it). */
    default boolean needsFileCrc() {
        return false;
    }

    /** The Message-ID of a segment under an attempt number. */
    MessageId messageId(PlannedBlob blob, int segmentIndex, int attempt);
}
