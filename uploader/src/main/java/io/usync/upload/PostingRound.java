package io.usync.upload;

import io.usync.core.MessageId;
import io.usync.core.Segment;
import io.usync.core.manifest.BlobKey;
import io.usync.nntp.NntpException;
import io.usync.nntp.PostResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;

/**
 * One pass over the blobs that have segments to post: each blob is read in order on a reader
 * thread (one blob per thread at a time; the reader hashes it), and its pending segments are
 * encoded on the encoder threads, in parallel even within one blob, and posted; at most
 * {@code inFlightArticles} articles (and their source slices) exist between reading and the
 * server's answer (the memory budget). Each accepted article is checked with STAT after the check
 * delay while posting goes on. Answers update the ledger and the journal; nothing here blocks an
 * I/O thread.
 */
final class PostingRound {

    private final ArticleTransport transport;
    private final BlobSource source;
    private final UploadOptions options;
    private final PostingContext context;

    private final PostChecker checker;

    /** Creates a round posting through {@code transport}, reading with {@code source}, checking with {@code checker}. */
    PostingRound(ArticleTransport transport, BlobSource source, UploadOptions options, PostingContext context,
            PostChecker checker) {
        this.transport = transport;
        this.source = source;
        this.options = options;
        this.context = context;
        this.checker = checker;
    }

    /**
     * The threads of a round: {@code readers} read and hash blobs, {@code encoderThreads} encode
     * and post their segments with the {@code encoders} (one per thread), and each blob's whole-file
     * CRC-32 is put together from its parts when the encoders need it.
     */
    record Workers(ExecutorService readers, ExecutorService encoderThreads, BlockingQueue<ArticleEncoder> encoders,
            boolean fileCrc) {
    }

    /**
     * Reads every blob in {@code blobs} (all of it, for the hash) and posts its pending segments,
     * returning when every article of the round has been answered; digests of the blobs read are
     * put into {@code digests}.
     */
    RoundStats run(List<PlannedBlob> blobs, Workers workers, Map<BlobKey, BlobDigest> digests)
            throws InterruptedException, IOException {
        Semaphore budget = new Semaphore(options.inFlightArticles());
        AtomicLong posted = new AtomicLong();
        AtomicReference<Throwable> encodeFailure = new AtomicReference<>();
        Map<BlobKey, BlobDigest> read = new ConcurrentHashMap<>();
        List<Future<?>> tasks = new ArrayList<>(blobs.size());
        for (PlannedBlob blob : blobs) {
            tasks.add(workers.readers().submit(() -> {
                BlobDigest digest = postBlob(blob, workers, budget, posted, encodeFailure);
                read.put(blob.meta().key(), digest);
                context.journal().blobRead(blob.meta().key(), blob.meta().originVersion(), digest);
                return null;
            }));
        }
        IOException failure = null;
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (context.isStop(cause)) {
                    continue;
                }
                if (cause instanceof IOException io && failure == null) {
                    failure = io;
                } else if (cause instanceof UncheckedIOException uio && failure == null) {
                    failure = uio.getCause();
                } else if (cause instanceof RuntimeException re) {
                    throw re;
                } else if (cause instanceof Error err) {
                    throw err;
                }
            }
        }
        budget.acquire(options.inFlightArticles());
        Throwable encoding = encodeFailure.get();
        if (encoding instanceof RuntimeException re) {
            throw re;
        } else if (encoding instanceof Error err) {
            throw err;
        }
        checker.awaitScheduled();
        context.batcher().flush();
        digests.putAll(read);
        context.throwIfStopped();
        if (failure != null) {
            throw failure;
        }
        return new RoundStats(posted.get());
    }

    private BlobDigest postBlob(PlannedBlob blob, Workers workers, Semaphore budget, AtomicLong posted,
            AtomicReference<Throwable> encodeFailure) throws IOException {
        BlobLedger ledger = context.ledger(blob.meta().key());
        FileCrc fileCrc = workers.fileCrc() ? new FileCrc(blob.meta().segmentCount()) : null;
        return source.read(blob, (Segment segment, ByteBuffer data, Runnable release) -> {
            context.throwIfStopped();
            Throwable failed = encodeFailure.get();
            if (failed != null) {
                throw new IOException("encoding failed: " + failed.getMessage(), failed);
            }
            int index = segment.index();
            if (!ledger.needsPost(index)) {
                if (fileCrc != null) {
                    // Not posted, so no encoder reports this part's CRC-32: the file CRC needs it.
                    CRC32 partCrc = new CRC32();
                    partCrc.update(data.duplicate());
                    fileCrc.part(index, (int) partCrc.getValue(), segment.range().length());
                }
                release.run();
                return;
            }
            try {
                budget.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("upload interrupted", e);
            }
            if (context.stopped()) {
                budget.release();
                context.throwIfStopped();
            }
            int attempt = ledger.attempt(index);
            try {
                workers.encoderThreads().execute(() -> encodeAndPost(blob, ledger, segment, data, release, attempt,
                        fileCrc, workers.encoders(), budget, posted, encodeFailure));
            } catch (RuntimeException e) {
                budget.release();
                throw e;
            }
            context.batcher().flushIfFull();
        });
    }

    /** On an encoder thread: encodes one segment, releases its bytes and posts the article. */
    private void encodeAndPost(PlannedBlob blob, BlobLedger ledger, Segment segment, ByteBuffer data,
            Runnable release, int attempt, FileCrc fileCrc, BlockingQueue<ArticleEncoder> encoders, Semaphore budget,
            AtomicLong posted, AtomicReference<Throwable> encodeFailure) {
        EncodedArticle article;
        try {
            ArticleEncoder encoder = encoders.take();
            try {
                article = encoder.encode(blob, segment, data, attempt, fileCrc);
            } finally {
                encoders.put(encoder);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(fileCrc);
            release.run();
            budget.release();
            return;
        } catch (RuntimeException | Error e) {
            encodeFailure.compareAndSet(null, e);
            abandon(fileCrc);
            release.run();
            budget.release();
            return;
        }
        if (fileCrc != null) {
            fileCrc.part(segment.index(), article.partCrc32(), segment.range().length());
        }
        release.run();
        int index = segment.index();
        if (ledger.tried(index) > 1) {
            context.listener().repost();
        }
        posted.incrementAndGet();
        MessageId id = article.messageId();
        long payload = segment.range().length();
        try {
            transport.post(id.withBrackets(), article.article()).whenComplete((result, error) -> {
                try {
                    answered(blob, ledger, index, attempt, id, payload, result, error);
                } finally {
                    budget.release();
                }
            });
        } catch (RuntimeException e) {
            encodeFailure.compareAndSet(null, e);
            budget.release();
        }
    }

    private static void abandon(FileCrc fileCrc) {
        if (fileCrc != null) {
            fileCrc.abandon();
        }
    }

    private void answered(PlannedBlob blob, BlobLedger ledger, int index, int attempt, MessageId id, long payload,
            PostResult result, Throwable error) {
        BlobKey key = blob.meta().key();
        int origin = blob.meta().originVersion();
        if (error != null) {
            if (context.stopOn(error)) {
                ledger.pending(index);
                return;
            }
            if (context.waitOn(error)) {
                ledger.untried(index);
                ledger.pending(index);
                return;
            }
            String reason = "post of " + key.kind() + " " + key.index() + "/" + index + " failed: " + oneLine(error);
            if (ledger.tries(index) >= options.maxPostRounds()) {
                ledger.failed(index);
                context.failure(reason);
                context.batcher().add(new ArticleEvent(key, origin, index, attempt, id, "", SegmentState.PENDING, reason));
            } else {
                ledger.pending(index);
            }
            return;
        }
        context.postAnswered();
        switch (result) {
            case PostResult.Accepted a -> {
                ledger.posted(index, a.server());
                context.listener().articlePosted(payload);
                context.batcher().add(new ArticleEvent(key, origin, index, attempt, id, a.server(), SegmentState.POSTED,
                        "240"));
                checker.checkLater(blob, ledger, index, attempt, id);
            }
            case PostResult.Duplicate d -> {
                ledger.posted(index, d.server());
                context.listener().articlePosted(payload);
                context.batcher().add(new ArticleEvent(key, origin, index, attempt, id, d.server(), SegmentState.POSTED,
                        "duplicate"));
                checker.checkLater(blob, ledger, index, attempt, id);
            }
            case PostResult.Rejected r -> {
                String reason = r.server() + " refused " + key.kind() + " " + key.index() + "/" + index + ": " + r.code()
                        + " " + r.text();
                if (attempt + 1 < options.maxAttempts()) {
                    int next = ledger.nextAttempt(index);
                    context.attemptChanged(key, index, next);
                    context.batcher().add(new ArticleEvent(key, origin, index, attempt, id, r.server(),
                            SegmentState.FAILED, reason));
                } else {
                    ledger.failed(index);
                    context.failure(reason);
                    context.batcher().add(new ArticleEvent(key, origin, index, attempt, id, r.server(),
                            SegmentState.FAILED, reason));
                }
            }
        }
    }

    static String oneLine(Throwable error) {
        Throwable t = NntpException.unwrap(error);
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("[\\r\\n]+", " ");
    }

    /** What a round did. */
    record RoundStats(long articlesSent) {
    }
}
