package io.usync.upload;

import io.usync.core.manifest.BlobKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Gets every segment of a set of blobs onto the servers: posting rounds (read, encode, post, and a
 * STAT of each accepted article after the check delay) repeat for what is missing until every segment is
 * verified or the round bound is reached; a round in which no post server could take articles
 * (every circuit open) is followed by a pause and does not count, within {@code unavailableWait};
 * blobs whose digests are unknown are read even when nothing of them needs posting.
 */
final class SegmentUpload {

    private final ArticleTransport transport;
    private final BlobSource source;
    private final UploadOptions options;
    private final PostingContext context;

    /** Creates the upload of segments through {@code transport}, reading with {@code source}. */
    SegmentUpload(ArticleTransport transport, BlobSource source, UploadOptions options, PostingContext context) {
        this.transport = transport;
        this.source = source;
        this.options = options;
        this.context = context;
    }

    /**
     * Runs the rounds over {@code blobs}; {@code known} holds digests already recorded (resume) and
     * receives the new ones; returns how many articles were sent.
     */
    long run(List<PlannedBlob> blobs, Map<BlobKey, BlobDigest> known, Supplier<ArticleEncoder> encoderFactory,
            SegmentIds ids) throws IOException, InterruptedException {
        int threads = options.encoderThreads();
        BlockingQueue<ArticleEncoder> encoders = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            encoders.add(encoderFactory.get());
        }
        long sent = 0;
        ExecutorService readers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon()
                .name("usync-read-", 0).factory());
        ExecutorService encoderThreads = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon()
                .name("usync-encode-", 0).factory());
        PostingRound.Workers workers = new PostingRound.Workers(readers, encoderThreads, encoders,
                encoders.peek().needsFileCrc());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("usync-check").factory());
        try {
            PostChecker checker = new PostChecker(transport, options, context, timer);
            PostingRound round = new PostingRound(transport, source, options, context, checker);
            ServerWait wait = new ServerWait(options.unavailableWait());
            context.takeUnavailable();
            for (int r = 1; r <= options.maxPostRounds(); r++) {
                List<PlannedBlob> toRead = new ArrayList<>();
                for (PlannedBlob blob : blobs) {
                    if (context.ledger(blob.meta().key()).anyPending() || !known.containsKey(blob.meta().key())) {
                        toRead.add(blob);
                    }
                }
                if (!toRead.isEmpty()) {
                    context.listener().phase(UploadPhase.POST);
                    Map<BlobKey, BlobDigest> digests = new HashMap<>();
                    sent += round.run(toRead, workers, digests).articlesSent();
                    known.putAll(digests);
                }
                if (anyPosted(blobs)) {
                    context.listener().phase(UploadPhase.CHECK);
                    checker.check(blobs, ids);
                }
                context.throwIfStopped();
                if (!anyPending(blobs) && !anyPosted(blobs)) {
                    break;
                }
                if (context.takeUnavailable() > 0 && wait.pause()) {
                    r--; // no server could take these articles: waiting for one is not a failed round
                }
            }
            for (PlannedBlob blob : blobs) {
                BlobLedger ledger = context.ledger(blob.meta().key());
                for (int s = 0; s < ledger.segmentCount(); s++) {
                    SegmentState state = ledger.state(s);
                    if (state == SegmentState.PENDING || state == SegmentState.POSTED) {
                        ledger.failed(s);
                        context.failure("segment " + s + " of " + blob.meta().kind() + " " + blob.meta().index()
                                + " could not be verified after " + options.maxPostRounds() + " rounds");
                    }
                }
            }
            return sent;
        } finally {
            readers.shutdownNow();
            encoderThreads.shutdownNow();
            timer.shutdownNow();
            context.batcher().flush();
        }
    }

    private boolean anyPosted(List<PlannedBlob> blobs) {
        for (PlannedBlob blob : blobs) {
            if (context.ledger(blob.meta().key()).count(SegmentState.POSTED) > 0) {
                return true;
            }
        }
        return false;
    }

    private boolean anyPending(List<PlannedBlob> blobs) {
        for (PlannedBlob blob : blobs) {
            if (context.ledger(blob.meta().key()).anyPending()) {
                return true;
            }
        }
        return false;
    }
}
