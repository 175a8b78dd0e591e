package io.usync.upload;

import io.usync.core.manifest.BlobKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The shared state of one upload's posting and checking: the ledger of every blob, the journal
 * batcher, the listener, and the problems collected for the report.
 */
final class PostingContext {

    private static final int MAX_PROBLEMS = 1000;

    private final Map<BlobKey, BlobLedger> ledgers;
    private final UploadJournal journal;
    private final JournalBatcher batcher;
    private final UploadListener listener;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    /** Creates the context over {@code ledgers} (not copied: the pipeline updates them). */
    PostingContext(Map<BlobKey, BlobLedger> ledgers, UploadJournal journal, int batchRows, UploadListener listener) {
        this.ledgers = ledgers;
        this.journal = journal;
        this.batcher = new JournalBatcher(journal, batchRows);
        this.listener = listener;
    }

    UploadJournal journal() {
        return journal;
    }

    BlobLedger ledger(BlobKey key) {
        BlobLedger ledger = ledgers.get(key);
        if (ledger == null) {
            throw new IllegalStateException("no ledger for blob " + key);
        }
        return ledger;
    }

    Map<BlobKey, BlobLedger> ledgers() {
        return ledgers;
    }

    JournalBatcher batcher() {
        return batcher;
    }

    UploadListener listener() {
        return listener;
    }

    /** Notes a segment that moved to a new attempt number (a new Message-ID). */
    void attemptChanged(BlobKey key, int segment, int attempt) {
        listener.repost();
    }

    /** Notes a problem for the report and the listener. */
    void failure(String reason) {
        listener.failure(reason);
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(reason);
        }
    }

    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }
}
