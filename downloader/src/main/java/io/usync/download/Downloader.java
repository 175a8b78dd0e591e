package io.usync.download;

import io.netty.buffer.ByteBufAllocator;
import io.usync.core.CoreException;
import io.usync.core.ShareId;
import io.usync.core.manifest.Manifest;
import io.usync.core.manifest.ManifestLimits;
import io.usync.core.nzb.NzbFile;
import io.usync.core.nzb.NzbReader;
import io.usync.core.nzb.NzbReaderOptions;
import io.usync.core.path.DownloadState;
import io.usync.core.path.SafePaths;
import io.usync.download.fetch.ArticleFetcher;
import io.usync.download.fetch.ClusterArticleFetcher;
import io.usync.download.fetch.DownloadTally;
import io.usync.download.fetch.FetchEngine;
import io.usync.download.nzb.NzbPlanner;
import io.usync.download.output.OutputTarget;
import io.usync.download.output.PartFile;
import io.usync.download.output.ResumeLog;
import io.usync.download.plan.FreeSpace;
import io.usync.download.plan.OnlyFilter;
import io.usync.download.plan.OutputPaths;
import io.usync.download.share.ArticleBytes;
import io.usync.download.share.ManifestLoader;
import io.usync.download.share.PayloadInflater;
import io.usync.download.share.ResolvedShare;
import io.usync.download.share.SharePlanner;
import io.usync.download.share.ShareResolver;
import io.usync.nntp.NntpCluster;
import io.usync.segmenter.compress.CompressorOptions;
import io.usync.segmenter.compress.Decompression;
import io.usync.segmenter.compress.SegmentCompressor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The download pipeline's entry point: resolves a share (or reads an NZB), plans the files,
 * fetches every article through the read servers, writes verified bytes at their offsets,
 * verifies and commits each file, and reports what happened. Resume state lives under
 * {@code <out>/.usync/} while a download is incomplete; a complete one removes it.
 */
public final class Downloader {

    private final DownloadOptions options;
    private final ArticleFetcher fetcher;
    private final DownloadListener listener;
    private final SafePaths safePaths = SafePaths.defaults();

    /** Creates a downloader over the read servers of {@code cluster}. */
    public Downloader(DownloadOptions options, NntpCluster cluster, DownloadListener listener) {
        this(options, new ClusterArticleFetcher(cluster), listener);
    }

    /** Creates a downloader over any article source (tests, other transports). */
    public Downloader(DownloadOptions options, ArticleFetcher fetcher, DownloadListener listener) {
        this.options = options;
        this.fetcher = fetcher;
        this.listener = listener;
    }

    /** Runs one download to its end; faults become a FAILED report with a one-line reason. */
    public DownloadReport download(DownloadRequest request) {
        long start = System.nanoTime();
        fetcher.openAhead();
        DownloadTally tally = new DownloadTally();
        try {
            switch (request.source()) {
                case DownloadRequest.Share share -> downloadShare(share, request, tally);
                case DownloadRequest.Nzb nzb -> downloadNzb(nzb, request, tally);
            }
        } catch (DownloadException e) {
            return DownloadReport.failed(e.failure(), tally.counts(), elapsed(start));
        } catch (CoreException e) {
            return DownloadReport.failed(new DownloadFailure(DownloadFailure.Kind.BAD_INPUT, e.getMessage()),
                    tally.counts(), elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DownloadReport.failed(new DownloadFailure(DownloadFailure.Kind.INTERRUPTED,
                    "interrupted; run the same command again to resume"), tally.counts(), elapsed(start));
        }
        var missing = tally.missingFiles();
        DownloadOutcome outcome = missing.isEmpty() && tally.rejectedNames().isEmpty()
                ? DownloadOutcome.COMPLETE : DownloadOutcome.INCOMPLETE;
        return new DownloadReport(outcome, missing, tally.rejectedNames(), tally.counts(), elapsed(start),
                Optional.empty());
    }

    private void downloadShare(DownloadRequest.Share share, DownloadRequest request, DownloadTally tally)
            throws InterruptedException {
        ArticleBytes articles = new ArticleBytes(fetcher, ByteBufAllocator.DEFAULT, options.maxSegmentBytes());
        listener.status("resolving the share");
        ResolvedShare resolved = new ShareResolver(articles, options.messageIdDomain(), options.maxProbeVersion())
                .resolve(share.id(), share.credentials(), share.version());
        listener.status("fetching manifest version " + resolved.version() + " ("
                + resolved.descriptor().pageCount() + " pages)");
        Manifest manifest = new ManifestLoader(articles, options.manifestWindow(), ManifestLimits.defaults())
                .load(resolved);
        listener.status("manifest loaded: " + manifest.files().size() + " files; planning");
        OutFolder out = prepareOut(request.out());
        String fingerprint = fingerprint("share", share.id().locator().hex(), Integer.toString(resolved.version()));
        try (ResumeLog log = openLog(out.path(), fingerprint)) {
            SharePlanner planner = new SharePlanner(manifest, resolved.crypto(), zstdInflater(),
                    new OutputPaths(out.path(), safePaths));
            SharePlanner.Plan plan = planner.plan(OnlyFilter.of(request.only()), log, tally, listener);
            requireFreeSpace(out, log, plan.pendingBytes());
            planner.createFoldersAndEmptyFiles(plan, log, tally, listener);
            var counts = tally.counts();
            listener.planned(plan.pendingFiles(), plan.pendingBytes(), counts.filesSkipped(), counts.bytesSkipped());
            FetchEngine engine = new FetchEngine(options, fetcher, log, listener);
            for (OutputTarget ready : plan.readyToFinish()) {
                engine.finish(ready, tally);
            }
            engine.run(planner.units(plan, log), tally);
            discardIfComplete(log, tally);
        } catch (IOException e) {
            throw new DownloadException.OutputFailure("cannot finish the download: " + e.getMessage(), e);
        }
    }

    private void downloadNzb(DownloadRequest.Nzb nzb, DownloadRequest request, DownloadTally tally)
            throws InterruptedException {
        if (!Files.isRegularFile(nzb.file())) {
            throw new DownloadException.BadInput("NZB file " + nzb.file() + " does not exist", null);
        }
        OutFolder out = prepareOut(request.out());
        NzbReader reader = new NzbReader(NzbReaderOptions.defaults());
        Map<String, Optional<String>> names = new ConcurrentHashMap<>();
        ArticleBytes probe = new ArticleBytes(fetcher, ByteBufAllocator.DEFAULT, options.maxSegmentBytes());
        NzbPlanner planner = new NzbPlanner(new NzbPlanner.NzbSource(nzb.file(), reader),
                new OutputPaths(out.path(), safePaths),
                new NzbPlanner.Bounds(options.maxSegmentBytes(), options.nzbPlanSegments()),
                file -> names.computeIfAbsent(file.segments().getFirst().messageId(), id -> yencName(probe, file)));
        OnlyFilter filter = OnlyFilter.of(request.only());
        listener.status("reading the NZB");
        NzbPlanner.Scan scan = planner.scan(filter, tally, listener);
        String fingerprint = fingerprint("nzb", scan.sha256Hex());
        try (ResumeLog log = openLog(out.path(), fingerprint)) {
            NzbPlanner.Survey survey = planner.survey(scan, filter, log, tally, listener);
            requireFreeSpace(out, log, survey.declaredBytes());
            listener.planned(survey.files(), survey.declaredBytes(), survey.skippedFiles(), 0);
            new FetchEngine(options, fetcher, log, listener).run(planner.units(scan, filter, log, listener), tally);
            discardIfComplete(log, tally);
        } catch (IOException e) {
            throw new DownloadException.OutputFailure("cannot finish the download: " + e.getMessage(), e);
        }
    }

    /** The yEnc name in a file's first part, for NZB files whose subject quotes no usable name. */
    private static Optional<String> yencName(ArticleBytes probe, NzbFile file) {
        return probe.fetchNamed(io.usync.core.MessageId.parse(file.segments().getFirst().messageId()));
    }

    /**
     * The output folder as a real path, and the first folder on its way this run created (empty
     * when it existed), removed again if the download is refused before it begins.
     */
    private record OutFolder(Path path, Optional<Path> created) {
    }

    private OutFolder prepareOut(Path out) {
        try {
            Path dir = out.toAbsolutePath().normalize();
            Path first = null;
            for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
                first = p;
            }
            Files.createDirectories(dir);
            return new OutFolder(dir.toRealPath(), Optional.ofNullable(first));
        } catch (IOException e) {
            throw new DownloadException.OutputFailure("cannot create the output folder " + out + ": "
                    + e.getMessage() + "; choose another with -o", e);
        }
    }

    /**
     * The free-space check, before any folder or file of the plan is created; when it fails, the
     * resume state and output folders this run created are removed again (all still empty).
     */
    private void requireFreeSpace(OutFolder out, ResumeLog log, long bytes) {
        try {
            FreeSpace.require(out.path(), bytes, options.freeSpaceReserveBytes(), options.usableSpace());
        } catch (DownloadException.NotEnoughSpace e) {
            if (!log.resumed()) {
                try {
                    log.discard();
                } catch (IOException left) {
                    // The space message matters more than an empty state folder left behind.
                }
            }
            if (out.created().isPresent()) {
                removeEmptyFolders(out.path(), out.created().get());
            }
            throw e;
        }
    }

    /** Removes {@code folder} and its parents up to {@code top} while they are empty. */
    private static void removeEmptyFolders(Path folder, Path top) {
        Path topReal = top;
        try {
            topReal = top.toRealPath();
        } catch (IOException e) {
            // Left as given.
        }
        for (Path p = folder; p != null && p.startsWith(topReal); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // not empty (or not ours to remove): leave it and its parents
            }
        }
    }

    /** Removes the resume state of a download that wrote every file it names (a resume would do nothing). */
    private void discardIfComplete(ResumeLog log, DownloadTally tally) {
        if (!tally.complete()) {
            return;
        }
        try {
            log.discard();
        } catch (IOException e) {
            listener.status("cannot remove the resume state in " + DownloadState.FOLDER + " (" + e.getMessage()
                    + "); delete it by hand");
        }
    }

    private static ResumeLog openLog(Path out, String fingerprint) {
        Path state = out.resolve(DownloadState.FOLDER);
        if (Files.isSymbolicLink(state)) {
            throw new DownloadException.OutputFailure("the resume state folder " + state + " is a symbolic link; "
                    + "remove it or choose another folder with -o", null);
        }
        try {
            return ResumeLog.open(state, fingerprint);
        } catch (IOException e) {
            throw new DownloadException.OutputFailure("cannot write resume state under " + state
                    + ": " + e.getMessage(), e);
        }
    }

    private static String fingerprint(String... parts) {
        MessageDigest sha = PartFile.newSha256();
        for (String part : parts) {
            sha.update(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /** zstd decompression of a segment payload (the segmenter's bounded decompressor) into its buffer. */
    private PayloadInflater zstdInflater() {
        CompressorOptions defaults = CompressorOptions.defaults();
        SegmentCompressor compressor = new SegmentCompressor(new CompressorOptions(defaults.level(),
                defaults.minSaving(), options.maxSegmentBytes(), defaults.maxWindowBytes()));
        return (ByteBuffer compressed, ByteBuffer out) -> switch (compressor.decompress(compressed)) {
            case Decompression.Decompressed d -> {
                if (d.data().remaining() > out.remaining()) {
                    yield -1;
                }
                int n = d.data().remaining();
                out.put(d.data());
                yield n;
            }
            case Decompression.Refused r -> -1;
        };
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
