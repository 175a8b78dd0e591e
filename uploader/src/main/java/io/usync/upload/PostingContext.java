package io.usync.upload;

import io.usync.core.manifest.BlobKey;
import io.usync.nntp.NntpAuthException;
import io.usync.nntp.NntpException;
import io.usync.nntp.NntpTlsException;
import io.usync.nntp.NntpUnavailableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
    private final AtomicReference<NntpException> refusal = new AtomicReference<>();
    private final AtomicLong unavailable = new AtomicLong();

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

    /**
     * Records a login or TLS refusal, which stops the upload (the cluster has already tried the
     * other servers); returns whether {@code error} was one.
     */
    boolean stopOn(Throwable error) {
        Throwable fault = unwrap(error);
        if (fault instanceof NntpAuthException || fault instanceof NntpTlsException) {
            refusal.compareAndSet(null, (NntpException) fault);
            return true;
        }
        return false;
    }

    /**
     * Notes an article no server could take for now (every circuit open, every pool full): the
     * rounds wait for a server instead of counting it as a failed try; returns whether it was one.
     */
    boolean waitOn(Throwable error) {
        if (unwrap(error) instanceof NntpUnavailableException) {
            unavailable.incrementAndGet();
            return true;
        }
        return false;
    }

    /** How many articles found no server since the last call (and resets the count). */
    long takeUnavailable() {
        return unavailable.getAndSet(0);
    }

    /** Whether a server refused the login or TLS session, so nothing more should be posted. */
    boolean stopped() {
        return refusal.get() != null;
    }

    /** Throws the refusal recorded by {@link #stopOn}, if any. */
    void throwIfStopped() {
        NntpException fault = refusal.get();
        if (fault != null) {
            throw new UploadException.ServerRefused(fault);
        }
    }

    /** The fault inside the wrappers of futures and executors. */
    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
