package io.usync.upload;

import io.netty.buffer.PooledByteBufAllocator;
import io.usync.segmenter.buffer.ArticleBuffers;
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

    /** Uploads the scanned folder: resolve what changed, stop if nothing did, record the intent, post, publish. */
    private UploadReport uploadScanned(Path root, ShareSpec spec, ScanResult scanned, ShareableTree scan,
            CountingListener counts, long start) throws IOException, InterruptedException {
        counts.phase(UploadPhase.PLAN);
        Job job = resolve(root, spec, scanned, scan, counts, start);
        Optional<UploadReport> unchanged = unchanged(job);
        if (unchanged.isPresent()) {
            return unchanged.get();
        }
        Intent intent = recordIntent(job);
        Posted posted = post(job, intent);
        if (posted.failed() > 0 && !options.allowPartial()) {
            return unpublished(job, intent, posted);
        }
        return publish(job, intent, posted);
    }

    /** Resolves the share and decides what changed since its last version (resumed, or a partial one repaired). */
    private Job resolve(Path root, ShareSpec spec, ScanResult scanned, ShareableTree scan, CountingListener counts,
            long start) {
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
        PackOptions packOptions = new PackOptions(Math.min(options.packFileMaxSize(), options.packTargetSize()),
                options.packTargetSize(), PackOptions.defaults().maxMembers());
        UploadPlanner planner = new UploadPlanner(segmentSize, packOptions, !plain);
        return new Job(root, spec, scan, counts, start, index, resolver, share, latest, published, resuming, changes,
                repair, catalog, segmentSize, planner, scanProblems(scanned, scan, plain));
    }

    /** What the scan leaves out: skipped files, refused names and, in plain mode, what the NZB cannot carry. */
    private static List<String> scanProblems(ScanResult scanned, ShareableTree scan, boolean plain) {
        List<String> problems = new ArrayList<>();
        scanned.skipped().forEach(s -> problems.add("skipped " + s.path() + ": " + s.reason() + " " + s.detail()));
        problems.addAll(scan.refused());
        if (plain) {
            PlainModeLosses.of(scan).ifPresent(problems::add);
        }
        return problems;
    }

    /** The report when nothing changed since the published version (plain mode writes its NZB again), else empty. */
    private Optional<UploadReport> unchanged(Job job) throws IOException {
        // Added recipients need a version whose header has their key slots, even with nothing changed.
        if (job.resuming() || job.published().isEmpty() || job.changes().hasChanges() || job.repair().repairsInPlace()
                || !job.share().addedRecipients().isEmpty()) {
            return Optional.empty();
        }
        int published = job.published().get();
        UploadReport unchanged = new UploadReport(shareText(job), published, job.scan().files().size(),
                job.scan().totalBytes(), 0, 0, 0, elapsed(job.start()), UploadOutcome.COMPLETE, job.problems());
        if (!job.plain()) {
            return Optional.of(unchanged);
        }
        // The NZB asked for now (a new path, or the file gone) is written again from the published
        // version: every file reuses what that version posted, so the plan has no new blob.
        UploadPlan current = job.plan(published + 1, new int[] {0, 0});
        if (!current.newBlobs().isEmpty()) {
            return Optional.empty();
        }
        Manifest manifest = new VersionPublisher(job.index(), job.shareId()).manifest(label(job),
                options.articleSize(), current, Map.of(), Map.of());
        new NzbPublisher(options).write(manifest, new SegmentIds(context(job, published)),
                job.spec().nzb().orElseThrow(), clock.millis() / 1000);
        return Optional.of(unchanged);
    }

    /** Opens (or resumes) the version, plans it and records its intent, retrying a plan that does not match. */
    private Intent recordIntent(Job job) {
        boolean resuming = job.resuming();
        // Resuming with a folder that differs from the interrupted run's intent: what that run posted
        // may be stale content (a same-size edit keeps the layout), so the version is recorded anew.
        boolean redo = resuming && job.changes().hasChanges();
        int version = resuming ? job.latest().get() : job.index().openVersion(job.shareId());
        BlobCatalog catalog = job.catalog();
        int[] base = job.published().map(catalog::nextIndices).orElse(new int[] {0, 0});
        // Recorded anew, the version numbers its blobs after the stale ones: they have other Message-IDs.
        // Resumed, it numbers them as its intent did (after a redo, that is not from the published version).
        int[] next = redo ? catalog.nextIndicesAfterSegments(version, base)
                : resuming ? catalog.firstIndicesOfFiles(version, base) : base;
        UploadPlan plan = job.plan(version, next);
        ShareContext context = context(job, version);
        SegmentIds ids = new SegmentIds(context);
        Set<String> attemptIds = new HashSet<>();
        IntentRecorder recorder = new IntentRecorder(job.index(), job.shareId());
        Map<BlobKey, BlobLedger> ledgers;
        try {
            ledgers = recorder.record(plan, ids, attemptIds, resuming, redo);
        } catch (UploadException.PlanMismatch e) {
            if (!resuming || redo) {
                throw e;
            }
            plan = job.plan(version, catalog.nextIndicesAfterSegments(version, base));
            ledgers = recorder.record(plan, ids, attemptIds, true, true);
        }
        List<PlannedBlob> toPost = new ArrayList<>(plan.newBlobs());
        if (job.repair().repairsInPlace()) {
            List<PlannedBlob> repaired = job.repair().blobs(job.root(), plan);
            ledgers.putAll(recorder.repairLedgers(repaired, ids, attemptIds));
            toPost.addAll(repaired);
        }
        return new Intent(version, plan, context, ids, attemptIds, ledgers, toPost);
    }

    /** Posts and checks every segment of the intent not yet verified, and counts those that failed. */
    private Posted post(Job job, Intent intent) throws IOException, InterruptedException {
        IndexJournal journal = new IndexJournal(job.index(), job.shareId(), intent.attemptIds());
        PostingContext posting = new PostingContext(intent.ledgers(), journal, options.indexBatchRows(), job.counts());
        announcePlan(intent.plan(), intent.toPost(), intent.ledgers(), job.counts());
        // Released articles' buffers are kept for the next ones, up to the in-flight budget. A
        // buffer is sized for yEnc's worst case (every byte escaped, plus line breaks and headers),
        // though only the bytes an article fills are ever touched.
        long articleBytes = 2L * options.articleSize() + options.articleSize() / 8;
        ArticleBuilder builder = new ArticleBuilder(new YencEncoder(new YencEncoderOptions(options.lineLength())),
                new ArticleBuffers(PooledByteBufAllocator.DEFAULT, options.inFlightArticles() * articleBytes), clock);
        BlobCompression compression = new BlobCompression(options.compress()
                ? Optional.of(new SegmentCompressor(new CompressorOptions(1, options.compressMinSaving(),
                        CompressorOptions.defaults().maxContentBytes(), CompressorOptions.defaults().maxWindowBytes())))
                : Optional.empty());
        ShareContext context = intent.context();
        int files = job.scan().files().size();
        Supplier<ArticleEncoder> encoders = job.plain()
                ? () -> new PlainArticleEncoder(context, builder, options.plainFrom(), files)
                : () -> new SealedArticleEncoder(context, builder, job.segmentSize(), compression);
        Map<BlobKey, BlobDigest> digests = new HashMap<>();
        long sent = new SegmentUpload(transport, new SegmenterBlobSource(WINDOW_BYTES, job.segmentSize(), 32), options,
                posting).run(intent.toPost(), digests, encoders, intent.ids());
        long failed = intent.ledgers().values().stream().mapToLong(l -> l.count(SegmentState.FAILED)).sum();
        List<String> problems = posting.problems();
        job.problems().addAll(problems);
        return new Posted(posting, builder, digests, sent, failed, problems.size());
    }

    /** When segments failed without --allow-partial: nothing is published, and the report says how to retry. */
    private static UploadReport unpublished(Job job, Intent intent, Posted posted) {
        job.problems().add(posted.failed() + " segments of " + filesMissing(intent.plan(), intent.ledgers())
                + " could not be posted and verified; nothing was published. Run the same command again to retry"
                + " them, or add --allow-partial to publish without them");
        return report(job, intent, Optional.empty(), posted.sent(), UploadOutcome.PARTIAL);
    }

    /** Writes the NZB or posts the manifest, records the version as published and the share's status, and reports. */
    private UploadReport publish(Job job, Intent intent, Posted posted) throws IOException, InterruptedException {
        List<String> problems = job.problems();
        job.counts().phase(UploadPhase.PUBLISH);
        VersionPublisher versions = new VersionPublisher(job.index(), job.shareId());
        Manifest manifest = versions.manifest(label(job), options.articleSize(), intent.plan(), posted.digests(),
                intent.ledgers());
        long manifestArticles = 0;
        if (job.plain()) {
            new NzbPublisher(options).write(manifest, intent.ids(), job.spec().nzb().orElseThrow(),
                    clock.millis() / 1000);
        } else {
            Optional<Integer> articles = postManifest(job, intent, posted, manifest);
            if (articles.isEmpty()) {
                List<String> since = posted.posting().problems(); // the segments' problems are in already
                problems.addAll(since.subList(Math.min(posted.problemsTaken(), since.size()), since.size()));
                problems.add("the manifest could not be posted and verified; run the same command again to retry");
                return report(job, intent, Optional.empty(), posted.sent(), UploadOutcome.FAILED);
            }
            manifestArticles = articles.get();
        }
        versions.recordPublished(intent.plan(), manifest, posted.digests());
        long failed = posted.failed();
        // A share left ACTIVE after a partial version tells the next run to post what it lacks.
        job.index().setStatus(job.shareId(), failed > 0 ? ShareStatus.ACTIVE : ShareStatus.COMPLETE);
        UploadOutcome outcome = failed > 0 ? UploadOutcome.PARTIAL : UploadOutcome.COMPLETE;
        if (failed > 0) {
            problems.add("published with " + failed + " segments missing (--allow-partial): "
                    + filesMissing(intent.plan(), intent.ledgers())
                    + " will not download whole; run the same command again to post them in the next version");
        }
        if (!job.share().addedRecipients().isEmpty()) {
            problems.add("added recipients " + String.join(", ", job.share().addedRecipients().stream()
                    .map(RecipientPublicKey::fingerprint).toList()) + ": they can read every version of this share,"
                    + " the earlier ones too");
        }
        return report(job, intent, shareText(job), posted.sent() + manifestArticles, outcome);
    }

    /** Records the share's recipients and posts the manifest; empty when it could not be posted and verified. */
    private Optional<Integer> postManifest(Job job, Intent intent, Posted posted, Manifest manifest)
            throws InterruptedException {
        SealedArticleEncoder encoder = new SealedArticleEncoder(intent.context(), posted.builder(), job.segmentSize(),
                BlobCompression.none());
        ManifestPublisher publisher = new ManifestPublisher(new ConfirmedPoster(transport, options, posted.posting()),
                options, random, clock);
        job.resolver().recordRecipients(job.share(), job.spec());
        return publisher.publish(manifest, intent.context(), encoder, job.resolver().keySlots(job.share(), job.spec()),
                job.published().orElse(0));
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

    private ShareContext context(Job job, int version) {
        return new ShareContext(job.share().locator(), ShareKeys.derive(job.share().secrets().rootKey()),
                ShareResolver.kind(job.spec().mode()), version, String.join(",", options.newsgroups()),
                options.messageIdDomain());
    }

    /** The version's label: as given, else the share's, else the folder's name. */
    private static String label(Job job) {
        String shared = job.share().record().label();
        Path name = job.root().getFileName();
        return job.spec().label().orElse(shared.isEmpty() ? name == null ? "" : name.toString() : shared);
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

    private static Optional<String> shareText(Job job) {
        if (job.plain()) {
            return job.spec().nzb().map(Path::toString);
        }
        return Optional.of(ShareResolver.shareId(job.share()).asText());
    }

    private static UploadReport report(Job job, Intent intent, Optional<String> id, long articles,
            UploadOutcome outcome) {
        UploadPlan plan = intent.plan();
        return new UploadReport(id, intent.version(), plan.files().size(), plan.bytes(), articles,
                job.counts().reposts.sum(), job.counts().failures.sum(), elapsed(job.start()), outcome, job.problems());
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The share kind an upload in {@code spec} produces (empty for plain mode). */
    public static Optional<ShareKind> kindOf(ShareSpec spec) {
        return ShareResolver.kind(spec.mode());
    }

    /** What the steps of one upload share: the folder as scanned, its share, what changed, the problems so far. */
    private record Job(Path root, ShareSpec spec, ShareableTree scan, CountingListener counts, long start,
            ShareIndex index, ShareResolver resolver, ResolvedShare share, Optional<Integer> latest,
            Optional<Integer> published, boolean resuming, FileChanges changes, PartialRepair repair,
            BlobCatalog catalog, int segmentSize, UploadPlanner planner, List<String> problems) {

        long shareId() {
            return share.record().id();
        }

        boolean plain() {
            return spec.mode() instanceof ShareSpec.Mode.Plain;
        }

        /** The plan of {@code version} whose new FILE and PACK blobs are numbered from {@code next}. */
        UploadPlan plan(int version, int[] next) {
            return planner.plan(root, scan, changes, version, next[0], next[1]);
        }
    }

    /** The version being posted as its intent recorded it: its plan, Message-IDs, ledgers and the blobs to post. */
    private record Intent(int version, UploadPlan plan, ShareContext context, SegmentIds ids, Set<String> attemptIds,
            Map<BlobKey, BlobLedger> ledgers, List<PlannedBlob> toPost) {
    }

    /**
     * What posting left for publishing: its context and builder, the digests, articles sent, segments
     * failed, and how many of the context's problems the report has taken.
     */
    private record Posted(PostingContext posting, ArticleBuilder builder, Map<BlobKey, BlobDigest> digests, long sent,
            long failed, int problemsTaken) {
    }
}
