package io.usync.download.fetch;

import io.netty.buffer.ByteBufAllocator;
import io.usync.core.MessageId;
import io.usync.download.output.OutputTarget;
import io.usync.download.output.SegmentKeeper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One article of a plan: its Message-ID, how to decode and check a copy of it, where its bytes
 * go, and its key in the resume log.
 */
public interface FetchUnit {

    /** The article's Message-ID. */
    MessageId messageId();

    /**
     * The resume-log key of the blob (or file) this article belongs to, or -1 when a later run
     * would not trust a record of it (packs: their small files are re-hashed instead).
     */
    int stateKey();

    /** The article's segment index within that blob (or file). */
    int segmentIndex();

    /** The decode buffer bytes one attempt at this article holds at most (for the memory bound). */
    int bufferBytes();

    /** A fresh decoder for one attempt, allocating from {@code allocator}. */
    ArticleDecoder newDecoder(ByteBufAllocator allocator);

    /** The files this article's bytes feed. */
    List<OutputTarget> targets();

    /**
     * Writes a verified segment's bytes at their offsets; the caller releases the segment, and
     * {@code keeper} keeps it for the files' running digests past that. Returns why the bytes do
     * not fit the file(s) they claim to feed (the article is then corrupt data and counts as
     * missing), else empty; an I/O error (disk full, permission) is thrown.
     */
    Optional<String> place(DecodedSegment segment, SegmentKeeper keeper) throws IOException;
}
