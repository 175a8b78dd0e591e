package io.usync.download.fetch;

import io.netty.buffer.ByteBufAllocator;
import io.usync.download.DownloadException;
import io.usync.download.DownloadListener;
import io.usync.download.DownloadOptions;
import io.usync.download.MissingFile;
import io.usync.download.output.AnonymousFiles;
import io.usync.download.output.OutputTarget;
import io.usync.download.output.PartFile;
import io.usync.download.output.ResumeLog;
import io.usync.download.output.SegmentKeeper;
import io.usync.download.output.TargetResult;
import io.usync.nntp.NntpConnectException;
import io.usync.nntp.NntpException;
import io.usync.segmenter.buffer.ArticleBuffers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a plan's articles through a bounded window: at most {@code inFlightArticles} are requested
 * or waiting to be written at any time, and their decode buffers stay within
 * {@code maxBufferedBytes}. Each verified article is written by a writer thread,
 * recorded in the resume log, and the files it completes are verified and committed.
 */
public final class FetchEngine {

    /** A full window is refilled once this fraction of it (1/n) has settled. */
    private static final int REFILL_DIVISOR = 8;

    private final DownloadOptions options;
    private final ArticleFetcher fetcher;
    private final ResumeLog log;
    private final DownloadListener listener;
    private final ByteBufAllocator allocator;
    private final Set<OutputTarget> dirty = ConcurrentHashMap.newKeySet();
    /** Files committed (renamed into place) and not yet synced; each flush syncs them before its records. */
    private final Queue<Path> unsynced = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Throwable> fault = new AtomicReference<>();
    /** Bytes of segment buffers kept for running digests ({@link #keep}). */
    private final AtomicLong kept = new AtomicLong();
    private volatile long lastFlushNanos = System.nanoTime();
    private final Optional<AnonymousFiles> anonymous;

    /** Creates an engine that fetches through {@code fetcher} and records progress in {@code log}. */
    public FetchEngine(DownloadOptions options, ArticleFetcher fetcher, ResumeLog log, DownloadListener listener) {
        this.options = options;
        this.fetcher = fetcher;
        this.log = log;
        this.listener = listener;
        this.allocator = new ArticleBuffers(ByteBufAllocator.DEFAULT, options.maxBufferedBytes() + options.maxSegmentBytes());
        // A first run writes one-article files unnamed until verified; a resumed one may find part
        // files of the run before, which the part-file path takes up again.
        this.anonymous = log.resumed() ? Optional.empty() : AnonymousFiles.ofThisSystem();
    }

    /**
     * Fetches every unit, writes what arrives intact, finishes every target it settles and
     * records totals in {@code tally}; returns when all are settled. An article whose bytes do not
     * fit its file is missing, like a corrupt one; a write or log fault (disk full, permission)
     * stops the download with {@link DownloadException.OutputFailure}.
     */
    public void run(Iterator<? extends FetchUnit> units, DownloadTally tally) throws InterruptedException {
        int window = options.inFlightArticles();
        InFlightWindow room = new InFlightWindow(window, Math.max(1, options.maxBufferedBytes() >> 10),
                Math.max(1, window / REFILL_DIVISOR));
        ExecutorService writers = Executors.newFixedThreadPool(options.writerThreads(),
                Thread.ofPlatform().name("usync-writer").daemon().factory());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("usync-retry").daemon().factory());
        try {
            while (units.hasNext() && fault.get() == null) {
                FetchUnit unit = units.next();
                long kib = room.kibOf(unit.bufferBytes());
                room.take(kib);
                fetchWithRetries(unit, 0, timer).whenCompleteAsync((outcome, error) -> {
                            try {
                                settle(unit, outcome, error, tally);
                            } catch (Throwable t) {
                                fault.compareAndSet(null, t);
                            } finally {
                                room.give(kib);
                            }
                        }, writers);
            }
            room.awaitEmpty();
            // A complete download's log is discarded next, so it syncs nothing: no fsync stands
            // between its last article and its exit (the kernel writes the files back as for any
            // other program). One that leaves files to fetch syncs them and records them for the resume.
            if (!tally.complete()) {
                try {
                    flush();
                } catch (IOException e) {
                    fault.compareAndSet(null, e);
                }
            }
        } finally {
            writers.shutdownNow();
            timer.shutdownNow();
        }
        Throwable t = fault.get();
        if (t instanceof DownloadException e) {
            throw e;
        }
        if (t != null) {
            String why = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            throw new DownloadException.OutputFailure("download stopped: " + why, t);
        }
    }

    /**
     * Fetches one article; a fault (no read server reachable, circuit open) is retried after a
     * doubling delay up to the bound, while a miss or a corrupt copy is final.
     */
    private CompletableFuture<FetchOutcome> fetchWithRetries(FetchUnit unit, int attempt,
            ScheduledExecutorService timer) {
        return start(unit).handle((outcome, error) -> {
            if (error == null) {
                answered = true;
            }
            if (error == null || attempt >= options.faultRetries() || fault.get() != null || stopsDownload(error) != null) {
                return error == null ? CompletableFuture.completedFuture(outcome)
                        : CompletableFuture.<FetchOutcome>failedFuture(error);
            }
            CompletableFuture<FetchOutcome> retry = new CompletableFuture<>();
            long delay = options.faultRetryDelay().toMillis() << attempt;
            timer.schedule(() -> fetchWithRetries(unit, attempt + 1, timer).whenComplete((o, e) -> {
                if (e != null) {
                    retry.completeExceptionally(e);
                } else {
                    retry.complete(o);
                }
            }), delay, TimeUnit.MILLISECONDS);
            return retry;
        }).thenCompose(f -> f);
    }

    /** Starts one fetch; an id the client refuses (hostile NZB input) fails this article only. */
    private CompletableFuture<FetchOutcome> start(FetchUnit unit) {
        try {
            return fetcher.fetch(unit.messageId(), () -> unit.newDecoder(allocator));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private final AtomicBoolean firstSettled = new AtomicBoolean();
    /** Whether a server has answered an article in this download (found or not); see {@link #stopsDownload}. */
    private volatile boolean answered;
    private void settle(FetchUnit unit, FetchOutcome outcome, Throwable error, DownloadTally tally) throws IOException {
        if (firstSettled.compareAndSet(false, true)) {
            listener.status("first article settled");
        }
        String missingReason = null;
        if (error != null && stopsDownload(error) instanceof NntpException refused) {
            // A login or TLS refusal, or no server ever reachable, fails every article alike: stop
            // at once, as the uploader does, with that one fault and no file-by-file report.
            fault.compareAndSet(null, new DownloadException.ServerFault(refused.getMessage(), refused));
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            missingReason = "fetch failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage());
        } else if (outcome instanceof FetchOutcome.Fetched fetched) {
            DecodedSegment segment = fetched.segment();
            try {
                int bytes = segment.data().readableBytes();
                if (anonymous.isPresent()) {
                    for (OutputTarget target : unit.targets()) {
                        target.offerAnonymous(anonymous.get());
                    }
                }
                Optional<String> misfit = unit.place(segment, () -> keep(segment));
                for (OutputTarget target : unit.targets()) {
                    dirty.add(target);
                }
                if (misfit.isPresent()) {
                    // Corrupt data (a part that lies about its file), not an output fault: this segment is missing.
                    missingReason = "unusable on " + fetched.server() + " (" + misfit.get() + ")";
                } else {
                    if (unit.stateKey() >= 0 && !verifiedRecordSuffices(unit)) {
                        log.recordSegment(unit.stateKey(), unit.segmentIndex());
                    }
                    tally.articleWritten(bytes);
                    listener.segmentWritten(unit.targets().getFirst().name(), bytes);
                }
            } finally {
                segment.release();
            }
        } else if (outcome instanceof FetchOutcome.Unavailable unavailable) {
            missingReason = unavailable.describe();
        }
        if (missingReason != null) {
            tally.articleMissing();
            for (OutputTarget target : unit.targets()) {
                target.articleMissing(missingReason);
                listener.segmentMissing(target.name(), unit.segmentIndex(), missingReason);
            }
        }
        for (OutputTarget target : unit.targets()) {
            if (target.articleSettled()) {
                finish(target, tally);
            }
        }
        if (log.pendingRecords() >= options.stateFlushSegments()
                || System.nanoTime() - lastFlushNanos > options.stateFlushInterval().toNanos()) {
            lastFlushNanos = System.nanoTime();
            log.flushUnlessBusy(this::syncDirty);
        }
    }

    /**
     * Keeps {@code segment}'s buffer past its settling, for a running digest that hashes it later
     * ({@link SegmentKeeper}), while the buffers kept stay within {@code maxBufferedBytes} (on top
     * of the in-flight window's): beyond that, written ranges are read back from the files.
     */
    private Optional<Runnable> keep(DecodedSegment segment) {
        long bytes = segment.data().capacity();
        if (kept.addAndGet(bytes) > options.maxBufferedBytes()) {
            kept.addAndGet(-bytes);
            return Optional.empty();
        }
        segment.data().retain();
        return Optional.of(() -> {
            segment.data().release();
            kept.addAndGet(-bytes);
        });
    }

    /**
     * Whether the unit is the only article of the one file it feeds and that file's "verified"
     * record (written when it is committed) is trusted: a segment record would then say nothing
     * more (20,000 one-article files wrote 40,000 records instead of 20,000). A run killed between
     * the write and the commit fetches that one article again.
     */
    private static boolean verifiedRecordSuffices(FetchUnit unit) {
        List<OutputTarget> targets = unit.targets();
        if (targets.size() != 1) {
            return false;
        }
        OutputTarget target = targets.getFirst();
        return target.articles() == 1 && target.id() == unit.stateKey() && target.trustsResumeLog();
    }

    /**
     * The NNTP fault behind {@code error} when it fails the whole download, else null: a login or
     * TLS refusal, or a failure to connect while no server has answered an article yet in this
     * download (retrying each article would only delay the same answer by minutes).
     */
    private NntpException stopsDownload(Throwable error) {
        return NntpConnectException.stopsJob(error, answered).orElse(null);
    }

    /** Finishes a target whose articles are all settled, and reports the result. */
    public void finish(OutputTarget target, DownloadTally tally) throws IOException {
        dirty.remove(target);
        TargetResult result = target.finish();
        switch (result) {
            case TargetResult.Completed c -> {
                if (target.trustsResumeLog()) {
                    // Queued before it is recorded: the flush that writes the record syncs it first.
                    // Small files are not synced one by one (20,000 fsyncs cost minutes).
                    if (options.syncData() && target.syncedBeforeItsRecord()) {
                        unsynced.add(target.finalPath());
                    }
                    log.recordVerified(target.id());
                }
                tally.fileCompleted();
                listener.fileCompleted(target.name(), c.bytes());
            }
            case TargetResult.Incomplete i -> {
                tally.fileMissing(new MissingFile(target.name(), i.missingSegments(), i.reason()));
                listener.fileFailed(target.name(), i.missingSegments() + " segments missing: " + i.reason());
            }
            case TargetResult.Failed f -> {
                if (target.stateKey() >= 0) {
                    log.forget(target.stateKey());
                }
                tally.fileMissing(new MissingFile(target.name(), 0, f.reason()));
                listener.fileFailed(target.name(), f.reason());
            }
        }
    }

    private void flush() throws IOException {
        lastFlushNanos = System.nanoTime();
        log.flush(this::syncDirty);
    }

    private void syncDirty() throws IOException {
        if (options.syncData()) {
            for (OutputTarget target : dirty) {
                target.sync();
            }
            for (Path file = unsynced.poll(); file != null; file = unsynced.poll()) {
                PartFile.syncFile(file);
            }
        }
    }
}
