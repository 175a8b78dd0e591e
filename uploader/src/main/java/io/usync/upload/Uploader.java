package io.usync.upload;

import io.netty.buffer.PooledByteBufAllocator;
import io.usync.core.ShareKind;
import io.usync.core.crypto.RecipientPublicKey;
import io.usync.core.crypto.ShareKeys;
import io.usync.core.manifest.BlobKey;
import io.usync.core.manifest.Manifest;
import io.usync.index.FileChanges;
import io.usync.index.ShareIndex;
import io.usync.index.ShareStatus;
import io.usync.segmenter.compress.CompressorOptions;
import io.usync.segmenter.compress.SegmentCompressor;
import io.usync.segmenter.pack.PackOptions;
import io.usync.segmenter.scan.DirectoryScanner;
import io.usync.segmenter.scan.ScanOptions;
import io.usync.segmenter.scan.ScanResult;
import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Uploads a folder: scan, plan against the share's last version, record the intent, post and
 * check every new segment, then publish the manifest (share modes) or write the NZB (plain mode).
 * Running it again on the same folder resumes an interrupted version or adds the next one; the
 * share id never changes.
 */
public final class Uploader {

    private static final long WINDOW_BYTES = 16L * 1024 * 1024;

    private final UploadOptions options;
    private final ArticleTransport transport;
    private final Supplier<ShareIndex> indexSource;
    private final UploadListener listener;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    /** Creates an uploader posting through {@code transport} and remembering in {@code index}. */
    public Uploader(UploadOptions options, ArticleTransport transport, ShareIndex index, UploadListener listener) {
        this(options, transport, () -> index, listener);
    }

    /**
     * Creates an uploader whose index is asked for only after the folder has been scanned, so
     * opening the index (starting the embedded server) can overlap the scan; {@code index} may
     * block until the index is open and throws what opening it threw.
     */
    public Uploader(UploadOptions options, ArticleTransport transport, Supplier<ShareIndex> index,
            UploadListener listener) {
        this.options = options;
        this.transport = transport;
        this.indexSource = index;
        this.listener = listener;
    }

    /** Uploads {@code dir} as described by {@code spec} and reports what happened. */
    public UploadReport upload(Path dir, ShareSpec spec) throws IOException, InterruptedException {
        long start = System.nanoTime();
        CountingListener counts = new CountingListener(listener);
        Path root = dir.toRealPath();
        counts.phase(UploadPhase.SCAN);
        ScanResult scanned = new DirectoryScanner(ScanOptions.defaults()).scan(root);
        ShareableTree scan = ShareableTree.of(scanned);
        // Not before the scan: with 20,000 files it is the critical path, and both would slow it.
        transport.openAhead();
        Thread warmUp = new EncodingWarmUp(options, spec.mode() instanceof ShareSpec.Mode.Plain).start();
        try {
            return uploadScanned(root, spec, scanned, scan, counts, start);
        } finally {
            warmUp.interrupt();
        }
    }

    private UploadReport uploadScanned(Path root, ShareSpec spec, ScanResult scanned, ShareableTree scan,
            CountingListener counts, long start) throws IOException, InterruptedException {
        counts.phase(UploadPhase.PLAN);
        ShareIndex index = indexSource.get();
        ShareResolver resolver = new ShareResolver(index, random);
        ResolvedShare share = resolver.resolve(root.toString(), spec);
        long shareId = share.record().id();
        Optional<Integer> latest = index.latestVersion(shareId);
        Optional<Integer> published = index.latestPublishedVersion(shareId);
        boolean resuming = latest.isPresent() && !latest.equals(published);
        FileChanges changes = index.changes(shareId, scan.files(), new FileHasher(root));
        boolean plain = spec.mode() instanceof ShareSpec.Mode.Plain;
        int segmentSize = plain ? options.articleSize() : options.articleSize() - SealedArticleEncoder.OVERHEAD;
        BlobCatalog catalog = new BlobCatalog(index, shareId);
        PartialRepair repair = PartialRepair.none();
        if (!resuming && published.isPresent() && share.record().status() != ShareStatus.COMPLETE) {
            // Published with --allow-partial (the share is not marked complete): this run posts
            // what it lacks and publishes the next version.
            repair = PartialRepair.find(catalog, published.get(), changes, segmentSize);
            changes = repair.applyTo(changes);
            if (!changes.hasChanges() && !repair.repairsInPlace()) {
                index.setStatus(shareId, ShareStatus.COMPLETE);
            }
        }
        List<String> problems = new ArrayList<>();
        scanned.skipped().forEach(s -> problems.add("skipped " + s.path() + ": " + s.reason() + " " + s.detail()));
        problems.addAll(scan.refused());
        if (plain) {
            PlainModeLosses.of(scan).ifPresent(problems::add);
        }
        PackOptions packOptions = new PackOptions(Math.min(options.packFileMaxSize(), options.packTargetSize()),
                options.packTargetSize(), PackOptions.defaults().maxMembers());
        UploadPlanner planner = new UploadPlanner(segmentSize, packOptions, !plain);
        // Added recipients need a version whose header has their key slots, even with nothing changed.
        if (!resuming && published.isPresent() && !changes.hasChanges() && !repair.repairsInPlace()
                && share.addedRecipients().isEmpty()) {
            UploadReport unchanged = new UploadReport(shareText(share, spec), published.get(), scan.files().size(),
                    scan.totalBytes(), 0, 0, 0, elapsed(start), UploadOutcome.COMPLETE, problems);
            if (!plain) {
                return unchanged;
            }
            // The NZB asked for now (a new path, or the file gone) is written again from the published
            // version: every file reuses what that version posted, so the plan has no new blob.
            UploadPlan current = planner.plan(root, scan, changes, published.get() + 1, 0, 0);
            if (current.newBlobs().isEmpty()) {
                Manifest manifest = new VersionPublisher(index, shareId).manifest(label(spec, share, root),
                        options.articleSize(), current, Map.of(), Map.of());
                new NzbPublisher(options).write(manifest, new SegmentIds(context(share, spec, published.get())),
                        spec.nzb().orElseThrow(), clock.millis() / 1000);
                return unchanged;
            }
        }
        // Resuming with a folder that differs from the interrupted run's intent: what that run posted
        // may be stale content (a same-size edit keeps the layout), so the version is recorded anew.
        boolean redo = resuming && changes.hasChanges();
        int version = resuming ? latest.get() : index.openVersion(shareId);
        int[] base = published.map(catalog::nextIndices).orElse(new int[] {0, 0});
        // Recorded anew, the version numbers its blobs after the stale ones: they have other Message-IDs.
        // Resumed, it numbers them as its intent did (after a redo, that is not from the published version).
        int[] next = redo ? catalog.nextIndicesAfterSegments(version, base)
                : resuming ? catalog.firstIndicesOfFiles(version, base) : base;
        UploadPlan plan = planner.plan(root, scan, changes, version, next[0], next[1]);
        ShareContext context = context(share, spec, version);
        SegmentIds ids = new SegmentIds(context);
        Set<String> attemptIds = new HashSet<>();
        IntentRecorder intent = new IntentRecorder(index, shareId);
        Map<BlobKey, BlobLedger> ledgers;
        try {
            ledgers = intent.record(plan, ids, attemptIds, resuming, redo);
        } catch (UploadException.PlanMismatch e) {
            if (!resuming || redo) {
                throw e;
            }
            next = catalog.nextIndicesAfterSegments(version, base);
            plan = planner.plan(root, scan, changes, version, next[0], next[1]);
            ledgers = intent.record(plan, ids, attemptIds, true, true);
        }
        List<PlannedBlob> toPost = new ArrayList<>(plan.newBlobs());
        if (repair.repairsInPlace()) {
            List<PlannedBlob> repaired = repair.blobs(root, plan);
            ledgers.putAll(intent.repairLedgers(repaired, ids, attemptIds));
            toPost.addAll(repaired);
        }
        PostingContext posting = new PostingContext(ledgers, new IndexJournal(index, shareId, attemptIds),
                options.indexBatchRows(), counts);
        announcePlan(plan, toPost, ledgers, counts);
        ArticleBuilder builder = new ArticleBuilder(new YencEncoder(new YencEncoderOptions(options.lineLength())),
                PooledByteBufAllocator.DEFAULT, clock);
        BlobCompression compression = new BlobCompression(options.compress()
                ? Optional.of(new SegmentCompressor(new CompressorOptions(1, options.compressMinSaving(),
                        CompressorOptions.defaults().maxContentBytes(), CompressorOptions.defaults().maxWindowBytes())))
                : Optional.empty());
        Supplier<ArticleEncoder> encoders = plain
                ? () -> new PlainArticleEncoder(context, builder, options.plainFrom(), scan.files().size())
                : () -> new SealedArticleEncoder(context, builder, segmentSize, compression);
        Map<BlobKey, BlobDigest> digests = new HashMap<>();
        long sent = new SegmentUpload(transport, new SegmenterBlobSource(WINDOW_BYTES, segmentSize, 32), options, posting)
                .run(toPost, digests, encoders, ids);
        long failed = ledgers.values().stream().mapToLong(l -> l.count(SegmentState.FAILED)).sum();
        problems.addAll(posting.problems());
        if (failed > 0 && !options.allowPartial()) {
            problems.add(failed + " segments of " + filesMissing(plan, ledgers) + " could not be posted and verified;"
                    + " nothing was published. Run the same command again to retry them, or add --allow-partial to"
                    + " publish without them");
            return report(Optional.empty(), version, plan, sent, counts, start, UploadOutcome.PARTIAL, problems);
        }
        counts.phase(UploadPhase.PUBLISH);
        VersionPublisher versions = new VersionPublisher(index, shareId);
        Manifest manifest = versions.manifest(label(spec, share, root), options.articleSize(), plan, digests, ledgers);
        long published1 = 0;
        if (plain) {
            new NzbPublisher(options).write(manifest, ids, spec.nzb().orElseThrow(), clock.millis() / 1000);
        } else {
            SealedArticleEncoder encoder = new SealedArticleEncoder(context, builder, segmentSize, BlobCompression.none());
            ManifestPublisher publisher = new ManifestPublisher(new ConfirmedPoster(transport, options, posting),
                    options, random, clock);
            resolver.recordRecipients(share, spec);
            Optional<Integer> articles = publisher.publish(manifest, context, encoder, resolver.keySlots(share, spec),
                    published.orElse(0));
            if (articles.isEmpty()) {
                problems.addAll(posting.problems());
                problems.add("the manifest could not be posted and verified; run the same command again to retry");
                return report(Optional.empty(), version, plan, sent, counts, start, UploadOutcome.FAILED, problems);
            }
            published1 = articles.get();
        }
        versions.recordPublished(plan, manifest, digests);
        // A share left ACTIVE after a partial version tells the next run to post what it lacks.
        index.setStatus(shareId, failed > 0 ? ShareStatus.ACTIVE : ShareStatus.COMPLETE);
        UploadOutcome outcome = failed > 0 ? UploadOutcome.PARTIAL : UploadOutcome.COMPLETE;
        if (failed > 0) {
            problems.add("published with " + failed + " segments missing (--allow-partial): " + filesMissing(plan, ledgers)
                    + " will not download whole; run the same command again to post them in the next version");
        }
        if (!share.addedRecipients().isEmpty()) {
            problems.add("added recipients " + String.join(", ", share.addedRecipients().stream()
                    .map(RecipientPublicKey::fingerprint).toList()) + ": they can read every version of this share,"
                    + " the earlier ones too");
        }
        return report(shareText(share, spec), version, plan, sent + published1, counts, start, outcome, problems);
    }

    /** "2 files (a.bin, b/c.bin)", the first few of this version's files whose blobs lack segments. */
    private static String filesMissing(UploadPlan plan, Map<BlobKey, BlobLedger> ledgers) {
        Set<PlannedFile.Location> broken = new HashSet<>();
        ledgers.forEach((key, ledger) -> {
            if (ledger.count(SegmentState.FAILED) > 0) {
                broken.add(new PlannedFile.Location(ledger.originVersion(), key.kind(), key.index(), 0));
            }
        });
        List<String> paths = new ArrayList<>();
        for (PlannedFile f : plan.files()) {
            if (f.location().isPresent() && broken.contains(new PlannedFile.Location(f.location().get().originVersion(),
                    f.location().get().kind(), f.location().get().blobIndex(), 0))) {
                paths.add(f.file().path());
            }
        }
        int shown = Math.min(paths.size(), 3);
        return paths.size() + (paths.size() == 1 ? " file (" : " files (") + String.join(", ", paths.subList(0, shown))
                + (paths.size() > shown ? " and " + (paths.size() - shown) + " more)" : ")");
    }

    private ShareContext context(ResolvedShare share, ShareSpec spec, int version) {
        return new ShareContext(share.locator(), ShareKeys.derive(share.secrets().rootKey()),
                ShareResolver.kind(spec.mode()), version, String.join(",", options.newsgroups()),
                options.messageIdDomain());
    }

    /** The version's label: as given, else the share's, else the folder's name. */
    private static String label(ShareSpec spec, ResolvedShare share, Path root) {
        return spec.label().orElse(share.record().label().isEmpty()
                ? root.getFileName() == null ? "" : root.getFileName().toString() : share.record().label());
    }

    private static void announcePlan(UploadPlan plan, List<PlannedBlob> toPost, Map<BlobKey, BlobLedger> ledgers,
            UploadListener listener) {
        long articles = 0;
        long bytes = 0;
        for (PlannedBlob blob : toPost) {
            BlobLedger ledger = ledgers.get(blob.meta().key());
            for (int s = 0; s < ledger.segmentCount(); s++) {
                if (ledger.state(s) != SegmentState.VERIFIED) {
                    articles++;
                    bytes += Math.min(blob.meta().segmentSize(), blob.meta().size() - (long) s * blob.meta().segmentSize());
                }
            }
        }
        listener.planned(plan.files().size(), plan.bytes(), articles, bytes);
    }

    private static Optional<String> shareText(ResolvedShare share, ShareSpec spec) {
        if (spec.mode() instanceof ShareSpec.Mode.Plain) {
            return spec.nzb().map(Path::toString);
        }
        return Optional.of(ShareResolver.shareId(share).asText());
    }

    private static UploadReport report(Optional<String> id, int version, UploadPlan plan, long articles,
            CountingListener counts, long start, UploadOutcome outcome, List<String> problems) {
        return new UploadReport(id, version, plan.files().size(), plan.bytes(), articles, counts.reposts.sum(),
                counts.failures.sum(), elapsed(start), outcome, problems);
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The share kind an upload in {@code spec} produces (empty for plain mode). */
    public static Optional<ShareKind> kindOf(ShareSpec spec) {
        return ShareResolver.kind(spec.mode());
    }
}
