package io.usync.upload;

import io.netty.buffer.ByteBuf;
import io.usync.core.MessageId;

/** An article ready to post: its derived id, the buffer (owned by whoever posts it) and the part CRC-32. */
record EncodedArticle(MessageId messageId, ByteBuf article, int partCrc32) {
}
