package io.usync.upload;

import io.usync.core.manifest.BlobKey;
import io.usync.index.ArticleMark;
import io.usync.index.ArticleRecord;
import io.usync.index.ArticleState;
import io.usync.index.ShareIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The upload journal over the PostgreSQL index: state changes become one bulk mark per batch;
 * the first event of a new attempt (a new Message-ID) inserts its row. Blob digests stay in memory
 * for this run (they go into the index with the files when the version is published).
 */
final class IndexJournal implements UploadJournal {

    private final ShareIndex index;
    private final long shareId;
    private final Set<String> attemptRows = new HashSet<>();
    private final Map<BlobKey, BlobDigest> digests = new ConcurrentHashMap<>();

    /** Creates the journal of share {@code shareId}; {@code existingAttempts} are ids of attempts above 0 already stored. */
    IndexJournal(ShareIndex index, long shareId, Set<String> existingAttempts) {
        this.index = index;
        this.shareId = shareId;
        this.attemptRows.addAll(existingAttempts);
    }

    @Override
    public synchronized void articles(List<ArticleEvent> events) {
        List<ArticleRecord> created = new ArrayList<>();
        List<ArticleMark> marks = new ArrayList<>(events.size());
        Instant now = Instant.now();
        for (ArticleEvent e : events) {
            ArticleState state = state(e.state());
            String id = e.messageId().withBrackets();
            if (e.attempt() > 0 && attemptRows.add(id)) {
                created.add(new ArticleRecord(e.originVersion(), e.blob().kind(), e.blob().index(), e.segment(),
                        e.attempt(), id, e.server(), ArticleState.PLANNED));
            }
            marks.add(new ArticleMark(id, state, e.server(), e.response(), now));
        }
        if (!created.isEmpty()) {
            index.recordArticles(shareId, created);
        }
        index.markArticles(shareId, marks);
    }

    @Override
    public void blobRead(BlobKey blob, int originVersion, BlobDigest digest) {
        digests.put(blob, digest);
    }

    private static ArticleState state(SegmentState state) {
        return switch (state) {
            case PENDING -> ArticleState.MISSING;
            case POSTED -> ArticleState.POSTED;
            case VERIFIED -> ArticleState.VERIFIED;
            case FAILED -> ArticleState.FAILED;
        };
    }
}
