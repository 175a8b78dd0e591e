package io.usync.upload;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects article events from any thread (I/O threads included) and hands them to the journal
 * from worker threads in batches of {@code batchRows} (and on {@link #flush()}), so the index sees one COPY per batch, not a row
 * per article.
 */
final class JournalBatcher {

    private final UploadJournal journal;
    private final int batchRows;
    private List<ArticleEvent> pending;

    /** Creates a batcher writing to {@code journal} every {@code batchRows} events. */
    JournalBatcher(UploadJournal journal, int batchRows) {
        this.journal = journal;
        this.batchRows = batchRows;
        this.pending = new ArrayList<>(batchRows);
    }

    /** Adds one event (never blocks on the index: safe on I/O threads). */
    synchronized void add(ArticleEvent event) {
        pending.add(event);
    }

    /** Writes a batch if one is full; called from worker threads, never from I/O threads. */
    void flushIfFull() {
        List<ArticleEvent> full = null;
        synchronized (this) {
            if (pending.size() >= batchRows) {
                full = pending;
                pending = new ArrayList<>(batchRows);
            }
        }
        if (full != null) {
            journal.articles(full);
        }
    }

    /** Writes whatever is pending. */
    void flush() {
        List<ArticleEvent> rest;
        synchronized (this) {
            rest = pending;
            pending = new ArrayList<>(batchRows);
        }
        if (!rest.isEmpty()) {
            journal.articles(rest);
        }
    }
}
