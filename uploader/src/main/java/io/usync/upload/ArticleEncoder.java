package io.usync.upload;

import io.usync.core.Segment;
import java.nio.ByteBuffer;

/**
 * Turns one segment's bytes into a postable article (share mode: seal and obfuscate; plain mode:
 * standard multipart yEnc). One per worker thread: implementations are not thread-safe, and are
 * fed a blob's segments in order.
 */
interface ArticleEncoder {

    /** Encodes segment {@code segment} of {@code blob} (its {@code data}) under attempt {@code attempt}. */
    EncodedArticle encode(PlannedBlob blob, Segment segment, ByteBuffer data, int attempt);

    /** Notes a segment that is not posted in this pass (plain mode still needs its CRC for the file CRC). */
    default void skip(PlannedBlob blob, Segment segment, ByteBuffer data) {
    }

    /** The Message-ID of a segment under an attempt number. */
    io.usync.core.MessageId messageId(PlannedBlob blob, int segmentIndex, int attempt);
}
