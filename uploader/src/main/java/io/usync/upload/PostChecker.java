package io.usync.upload;

import io.usync.core.MessageId;
import io.usync.core.manifest.BlobKey;
import io.usync.nntp.StatResult;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Phaser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delayed check: every segment a server accepted is looked up with STAT, preferably through a
 * server other than the one that took it. Found segments are verified; a missing one is posted
 * again under the same id the first time, and under the next attempt number (a new id) after that.
 * When posting is over, the checks still waiting for their delay are tried at once: what is
 * found is verified without waiting, what is not found yet waits out its delay as before.
 */
final class PostChecker {

    private final ArticleTransport transport;
    private final UploadOptions options;
    private final PostingContext context;
    private final ScheduledExecutorService timer;
    private final Phaser outstanding = new Phaser(1);
    private final Set<DelayedCheck> waiting = ConcurrentHashMap.newKeySet();

    /** Creates a checker asking {@code transport}; delayed checks are scheduled on {@code timer}. */
    PostChecker(ArticleTransport transport, UploadOptions options, PostingContext context,
            ScheduledExecutorService timer) {
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
        DelayedCheck check = new DelayedCheck(blob, ledger, index, attempt, id,
                System.nanoTime() + options.postCheckDelay().toNanos());
        try {
            waiting.add(check);
            check.future = timer.schedule(check::due, options.postCheckDelay().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            waiting.remove(check);
            if (check.started.compareAndSet(false, true)) {
                outstanding.arriveAndDeregister();
                ledger.pending(index);
            }
        }
    }

    /**
     * Waits until every check scheduled with {@link #checkLater} has been answered; checks still
     * waiting for their delay are tried at once first (a segment found needs no delay).
     */
    void awaitScheduled() throws InterruptedException {
        for (DelayedCheck check : waiting) {
            check.early();
        }
        int phase = outstanding.arrive();
        outstanding.awaitAdvanceInterruptibly(phase);
    }

    /** One accepted segment waiting for its STAT. */
    private final class DelayedCheck {

        private final PlannedBlob blob;
        private final BlobLedger ledger;
        private final int index;
        private final int attempt;
        private final MessageId id;
        private final long dueNanos;
        private final AtomicBoolean started = new AtomicBoolean();
        private volatile ScheduledFuture<?> future;

        DelayedCheck(PlannedBlob blob, BlobLedger ledger, int index, int attempt, MessageId id, long dueNanos) {
            this.blob = blob;
            this.ledger = ledger;
            this.index = index;
            this.attempt = attempt;
            this.id = id;
            this.dueNanos = dueNanos;
        }

        /** The delay is over: the STAT whose answer counts. */
        void due() {
            if (started.compareAndSet(false, true)) {
                waiting.remove(this);
                stat();
            }
        }

        /** Posting is over: a STAT now; found is verified, anything else waits for the delay. */
        void early() {
            if (!started.compareAndSet(false, true)) {
                return;
            }
            waiting.remove(this);
            ScheduledFuture<?> scheduled = future;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            transport.stat(id.withBrackets(), ledger.server(index)).whenComplete((result, error) -> {
                if (error == null && result instanceof StatResult.Found) {
                    try {
                        checked(blob, ledger, index, attempt, id, result, null);
                    } finally {
                        outstanding.arriveAndDeregister();
                    }
                    return;
                }
                try {
                    timer.schedule(this::stat, Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (RuntimeException e) {
                    outstanding.arriveAndDeregister();
                    ledger.pending(index);
                }
            });
        }

        private void stat() {
            transport.stat(id.withBrackets(), ledger.server(index)).whenComplete((result, error) -> {
                try {
                    checked(blob, ledger, index, attempt, id, result, error);
                } finally {
                    outstanding.arriveAndDeregister();
                }
            });
        }
    }

    /** Checks every POSTED segment of {@code blobs}; returns how many were found missing. */
    long check(List<PlannedBlob> blobs, SegmentIds ids) throws InterruptedException {
        Semaphore budget = new Semaphore(options.checkInFlight());
        AtomicLong missing = new AtomicLong();
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
