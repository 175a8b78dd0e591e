package io.usync.upload;

import io.usync.core.manifest.BlobKey;
import io.usync.nntp.NntpConnectException;
import io.usync.nntp.NntpException;
import io.usync.nntp.NntpUnavailableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private volatile boolean answered;

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
     * Records a fault that stops the upload (the cluster has already tried the other servers): a
     * login or TLS refusal, or a failure to connect while no post has been answered yet in this
     * upload (no server could ever be reached, so waiting and counting tries per article would
     * only delay the same answer); returns whether {@code error} was one.
     */
    boolean stopOn(Throwable error) {
        Optional<NntpException> stop = NntpConnectException.stopsJob(error, answered);
        stop.ifPresent(fault -> refusal.compareAndSet(null, fault));
        return stop.isPresent();
    }

    /** Notes that a server answered a post, so from now on connect faults are waited out, not fatal. */
    void postAnswered() {
        if (!answered) {
            answered = true;
        }
    }

    /**
     * Notes an article no server could take for now (every circuit open, every pool full): the
     * rounds wait for a server instead of counting it as a failed try; returns whether it was one.
     */
    boolean waitOn(Throwable error) {
        if (NntpException.unwrap(error) instanceof NntpUnavailableException) {
            unavailable.incrementAndGet();
            return true;
        }
        return false;
    }

    /** How many articles found no server since the last call (and resets the count). */
    long takeUnavailable() {
        return unavailable.getAndSet(0);
    }

    /** Whether a fault recorded by {@link #stopOn} stops the upload, so nothing more should be posted. */
    boolean stopped() {
        return refusal.get() != null;
    }

    /** Whether {@code error} is what {@link #throwIfStopped} throws (after the upload stopped). */
    boolean isStop(Throwable error) {
        return stopped() && (error instanceof UploadException.ServerRefused || error instanceof NntpConnectException);
    }

    /**
     * Throws the fault recorded by {@link #stopOn}, if any: a login or TLS refusal as
     * {@link UploadException.ServerRefused}, an unreachable server as an
     * {@link NntpConnectException} (a network fault) that says the upload can be resumed.
     */
    void throwIfStopped() {
        NntpException fault = refusal.get();
        if (fault instanceof NntpConnectException connect) {
            throw new NntpConnectException(connect.getMessage() + "; nothing was published: run the same command"
                    + " again to resume the upload once the server can be reached", connect, false);
        }
        if (fault != null) {
            throw new UploadException.ServerRefused(fault);
        }
    }
}
