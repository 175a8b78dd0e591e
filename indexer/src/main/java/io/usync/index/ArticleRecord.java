package io.usync.index;

import io.usync.core.BlobKind;
import java.util.Objects;

/** One article attempt: which segment, the attempt number, its derived Message-ID, server and state. */
public record ArticleRecord(int version, BlobKind kind, int blobIndex, int segmentIndex, int attempt,
                            String messageId, String server, ArticleState state) {

    /** Validates the numbers and the Message-ID shape ({@code <local@domain>}). */
    public ArticleRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(state, "state");
        if (version < 1 || blobIndex < 0 || segmentIndex < 0 || attempt < 0) {
            throw new IllegalArgumentException("bad article coordinates " + version + "/" + blobIndex + "/"
                    + segmentIndex + "#" + attempt);
        }
        ArticleMark.requireMessageId(messageId);
    }

    /** A planned first attempt, before posting. */
    public static ArticleRecord planned(SegmentRecord segment, int attempt, String messageId) {
        return new ArticleRecord(segment.version(), segment.segment().kind(), segment.segment().blobIndex(),
                segment.segment().index(), attempt, messageId, "", ArticleState.PLANNED);
    }
}
