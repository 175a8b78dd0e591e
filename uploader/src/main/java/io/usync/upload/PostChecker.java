package io.usync.upload;

import io.usync.core.MessageId;
import io.usync.core.manifest.BlobKey;
import io.usync.nntp.StatResult;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The delayed check: every segment a server accepted is looked up with STAT, preferably through a
 * server other than the one that took it. Found segments are verified; a missing one is posted
 * again under the same id the first time, and under the next attempt number (a new id) after that.
 */
final class PostChecker {

    private final ArticleTransport transport;
    private final UploadOptions options;
    private final PostingContext context;
    private final java.util.concurrent.ScheduledExecutorService timer;
    private final java.util.concurrent.Phaser outstanding = new java.util.concurrent.Phaser(1);

    /** Creates a checker asking {@code transport}; delayed checks are scheduled on {@code timer}. */
    PostChecker(ArticleTransport transport, UploadOptions options, PostingContext context,
            java.util.concurrent.ScheduledExecutorService timer) {
        this.transport = transport;
        this.options = options;
        this.context = context;
        this.timer = timer;
    }

    /**
     * Schedules the STAT of one accepted segment {@code postCheckDelay} from now, so checking
     * overlaps posting; safe on I/O threads (it never blocks).
     */
    void checkLater(PlannedBlob blob, BlobLedger ledger, int index, int attempt, MessageId id) {
        outstanding.register();
        try {
            timer.schedule(() -> transport.stat(id.withBrackets(), ledger.server(index)).whenComplete((result, error) -> {
                try {
                    checked(blob, ledger, index, attempt, id, result, error);
                } finally {
                    outstanding.arriveAndDeregister();
                }
            }), options.postCheckDelay().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            outstanding.arriveAndDeregister();
            ledger.pending(index);
        }
    }

    /** Waits until every check scheduled with {@link #checkLater} has been answered. */
    void awaitScheduled() throws InterruptedException {
        int phase = outstanding.arrive();
        outstanding.awaitAdvanceInterruptibly(phase);
    }

    /** Checks every POSTED segment of {@code blobs}; returns how many were found missing. */
    long check(List<PlannedBlob> blobs, SegmentIds ids) throws InterruptedException {
        Semaphore budget = new Semaphore(options.checkInFlight());
        java.util.concurrent.atomic.AtomicLong missing = new java.util.concurrent.atomic.AtomicLong();
        for (PlannedBlob blob : blobs) {
            BlobLedger ledger = context.ledger(blob.meta().key());
            for (int segment = 0; segment < ledger.segmentCount(); segment++) {
                if (ledger.state(segment) != SegmentState.POSTED) {
                    continue;
                }
                int index = segment;
                int attempt = ledger.attempt(segment);
                MessageId id = ids.segment(blob.meta(), segment, attempt);
                budget.acquire();
                transport.stat(id.withBrackets(), ledger.server(segment)).whenComplete((result, error) -> {
                    try {
                        if (!checked(blob, ledger, index, attempt, id, result, error)) {
                            missing.incrementAndGet();
                        }
                    } finally {
                        budget.release();
                    }
                });
            }
            context.batcher().flushIfFull();
        }
        budget.acquire(options.checkInFlight());
        context.batcher().flush();
        return missing.get();
    }

    private boolean checked(PlannedBlob blob, BlobLedger ledger, int index, int attempt, MessageId id,
            StatResult result, Throwable error) {
        BlobKey key = blob.meta().key();
        int origin = blob.meta().originVersion();
        if (error != null) {
            // A failed STAT says nothing about the article: it stays POSTED and is checked again
            // next round instead of being posted a second time.
            if (!context.stopOn(error)) {
                context.waitOn(error);
            }
            return false;
        }
        return switch (result) {
            case StatResult.Found f -> {
                ledger.verified(index);
                context.batcher().add(new ArticleEvent(key, origin, index, attempt, id, f.server(),
                        SegmentState.VERIFIED, "223"));
                yield true;
            }
            case StatResult.Missing m -> {
                context.batcher().add(new ArticleEvent(key, origin, index, attempt, id, "", SegmentState.PENDING,
                        "missing on " + String.join(",", m.serversTried())));
                if (ledger.tries(index) >= 2 && attempt + 1 < options.maxAttempts()) {
                    int next = ledger.nextAttempt(index);
                    context.attemptChanged(key, index, next);
                } else {
                    ledger.pending(index);
                }
                yield false;
            }
        };
    }
}
