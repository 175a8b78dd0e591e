package io.usync.download.share;

import io.usync.core.BlobKind;
import io.usync.core.MessageId;
import io.usync.core.crypto.SegmentAad;
import io.usync.core.manifest.BlobKey;
import io.usync.core.manifest.FileLocation;
import io.usync.core.manifest.Manifest;
import io.usync.core.manifest.ManifestBlob;
import io.usync.core.manifest.ManifestFile;
import io.usync.core.path.SafePath;
import io.usync.download.DownloadException;
import io.usync.download.DownloadListener;
import io.usync.download.RejectedName;
import io.usync.download.fetch.DownloadTally;
import io.usync.download.fetch.FetchUnit;
import io.usync.download.fetch.UnitBatches;
import io.usync.download.output.OutputTarget;
import io.usync.download.output.ResumeLog;
import io.usync.download.output.TargetSpec;
import io.usync.download.plan.OnlyFilter;
import io.usync.download.plan.OutputPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns an opened manifest into a download plan: every selected file whose name is safe and
 * which is not already verified becomes an {@link OutputTarget}; every blob segment that feeds
 * one becomes a {@link FetchUnit} (built lazily, so a plan of millions of segments costs little
 * memory). Whole-file segments already recorded in the resume log are skipped.
 */
public final class SharePlanner {

    /** A file fed by part of a blob: bytes {@code [blobOffset, blobOffset + size)}. */
    private record Consumer(OutputTarget target, long blobOffset, long size) {
    }

    /** An empty file of the manifest: created, not fetched. */
    private record EmptyFile(int id, String name, Path path, long mtimeMillis) {
    }

    /** The planned download: folders and empty files to create, targets, blobs to fetch, and what is already settled. */
    public static final class Plan {
        private final List<Path> folders = new ArrayList<>();
        private final List<EmptyFile> emptyFiles = new ArrayList<>();
        private final List<OutputTarget> targets = new ArrayList<>();
        private final Map<BlobKey, List<Consumer>> blobs = new LinkedHashMap<>();
        private final List<OutputTarget> readyToFinish = new ArrayList<>();
        private long pendingBytes;

        /** Payload bytes the plan will write. */
        public long pendingBytes() {
            return pendingBytes;
        }

        /** How many files the plan will produce. */
        public int pendingFiles() {
            return targets.size();
        }

        /** Targets that need no article (every segment was written by an earlier run). */
        public List<OutputTarget> readyToFinish() {
            return List.copyOf(readyToFinish);
        }
    }

    private final Manifest manifest;
    private final ShareCrypto crypto;
    private final PayloadInflater inflater;
    private final OutputPaths paths;

    /** Creates a planner for {@code manifest} of the share opened by {@code crypto}, writing under {@code paths}. */
    public SharePlanner(Manifest manifest, ShareCrypto crypto, PayloadInflater inflater, OutputPaths paths) {
        this.manifest = manifest;
        this.crypto = crypto;
        this.inflater = inflater;
        this.paths = paths;
    }

    /**
     * Plans the download without creating anything: skips verified files and reports refused
     * names to {@code tally} and {@code listener}; {@link #createFoldersAndEmptyFiles} creates
     * the rest once the free-space check passed.
     */
    public Plan plan(OnlyFilter filter, ResumeLog log, DownloadTally tally, DownloadListener listener) {
        Plan plan = new Plan();
        Map<BlobKey, ManifestBlob> blobs = new LinkedHashMap<>();
        for (ManifestBlob blob : manifest.blobs()) {
            blobs.put(blob.key(), blob);
        }
        for (String folder : manifest.folders()) {
            if (!filter.selectsAll()) {
                continue;
            }
            switch (paths.resolveFolder(folder)) {
                case SafePath.Safe safe -> plan.folders.add(safe.path());
                case SafePath.Rejected r -> reject(r, tally, listener);
            }
        }
        List<ManifestFile> files = manifest.files();
        for (int id = 0; id < files.size(); id++) {
            ManifestFile file = files.get(id);
            Path path;
            switch (paths.resolveFile(file.path())) {
                case SafePath.Safe safe -> path = safe.path();
                case SafePath.Rejected r -> {
                    reject(r, tally, listener);
                    continue;
                }
            }
            if (!filter.selects(file.path())) {
                continue;
            }
            Optional<BlobKey> key = manifest.blobOf(file);
            int stateKey = key.filter(k -> k.kind() == BlobKind.FILE).map(SharePlanner::stateKey).orElse(-1);
            TargetSpec spec = new TargetSpec(id, file.path(), path, file.size(), OptionalLong.of(file.mtimeMillis()),
                    Optional.of(file.sha256()), stateKey);
            boolean trustLog = log.fileVerified(id) && file.size() >= OutputTarget.SYNC_THRESHOLD;
            if (OutputTarget.alreadyVerified(spec, !trustLog)) {
                tally.fileSkipped(file.size());
                continue;
            }
            if (key.isEmpty()) {
                plan.emptyFiles.add(new EmptyFile(id, file.path(), path, file.mtimeMillis()));
                continue;
            }
            OutputTarget target = new OutputTarget(spec, 0);
            long blobOffset = file.location() instanceof FileLocation.Packed p ? p.offset() : 0;
            plan.blobs.computeIfAbsent(key.get(), k -> new ArrayList<>())
                    .add(new Consumer(target, blobOffset, file.size()));
            plan.targets.add(target);
            plan.pendingBytes += file.size();
        }
        countArticles(plan, blobs, log);
        return plan;
    }

    /** Creates the plan's folders and empty files (after the free-space check), recording each empty file done. */
    public void createFoldersAndEmptyFiles(Plan plan, ResumeLog log, DownloadTally tally, DownloadListener listener) {
        for (Path folder : plan.folders) {
            createDirectories(folder);
        }
        for (EmptyFile file : plan.emptyFiles) {
            createEmpty(file.path(), file.mtimeMillis());
            log.recordVerified(file.id());
            tally.fileCompleted();
            listener.fileCompleted(file.name(), 0);
        }
    }

    /** The resume-log key of a blob: file blobs even, packs odd. */
    static int stateKey(BlobKey key) {
        if (key.index() >= 1 << 30) {
            throw new DownloadException.BadInput("blob index " + key.index() + " is too large", null);
        }
        return key.index() * 2 + (key.kind() == BlobKind.PACK ? 1 : 0);
    }

    /** Sets each target's outstanding article count from the segments that will be fetched. */
    private void countArticles(Plan plan, Map<BlobKey, ManifestBlob> blobs, ResumeLog log) {
        Map<OutputTarget, Integer> counts = new LinkedHashMap<>();
        for (var entry : plan.blobs.entrySet()) {
            ManifestBlob blob = blobs.get(entry.getKey());
            forEachSegment(blob, entry.getValue(), log, (segment, slices) -> {
                for (ShareUnit.Slice s : slices) {
                    counts.merge(s.target(), 1, Integer::sum);
                }
            });
        }
        for (OutputTarget target : plan.targets) {
            int n = counts.getOrDefault(target, 0);
            target.expectArticles(n);
            if (n == 0) {
                plan.readyToFinish.add(target);
            }
        }
    }

    /** The fetch units of {@code plan}, built as they are consumed. */
    public Iterator<FetchUnit> units(Plan plan, ResumeLog log) {
        Map<BlobKey, ManifestBlob> blobs = new LinkedHashMap<>();
        for (ManifestBlob blob : manifest.blobs()) {
            blobs.put(blob.key(), blob);
        }
        Map<Manifest.SegmentKey, Integer> attempts = manifest.attemptsBySegment();
        Iterator<Map.Entry<BlobKey, List<Consumer>>> blobIt = plan.blobs.entrySet().iterator();
        return new UnitBatches() {
            @Override
            protected boolean nextBatch(List<FetchUnit> batch) {
                if (!blobIt.hasNext()) {
                    return false;
                }
                var entry = blobIt.next();
                ManifestBlob blob = blobs.get(entry.getKey());
                // Only a file blob with one consumer is resumed segment by segment (see forEachSegment);
                // the log need not record the segments of any other.
                int key = resumable(blob, entry.getValue()) ? stateKey(blob.key()) : -1;
                forEachSegment(blob, entry.getValue(), log, (segment, slices) ->
                        batch.add(unit(blob, key, segment, slices, attempts)));
                return true;
            }
        };
    }

    private FetchUnit unit(ManifestBlob blob, int key, int segment, List<ShareUnit.Slice> slices,
            Map<Manifest.SegmentKey, Integer> attempts) {
        int attempt = attempts.getOrDefault(new Manifest.SegmentKey(blob.key(), segment), 0);
        MessageId id = crypto.ids().segment(blob.originVersion(), blob.kind(), blob.index(), segment, attempt);
        long offset = (long) segment * blob.segmentSize();
        int length = (int) Math.min(blob.segmentSize(), blob.size() - offset);
        SegmentAad aad = new SegmentAad(crypto.locator(), blob.kind(), blob.index(), segment,
                segment == blob.segmentCount() - 1);
        return new ShareUnit(id, key, new SealedSegmentSpec(aad, length, offset, blob.size()),
                crypto, inflater, slices);
    }

    /** Whether the resume log's segment records of {@code blob} are trusted by a later run. */
    private static boolean resumable(ManifestBlob blob, List<Consumer> consumers) {
        return blob.kind() == BlobKind.FILE && consumers.size() == 1;
    }

    @FunctionalInterface
    private interface SegmentVisitor {
        void visit(int segment, List<ShareUnit.Slice> slices);
    }

    /** Visits each segment of {@code blob} that feeds a consumer and is not already written. */
    private static void forEachSegment(ManifestBlob blob, List<Consumer> consumers, ResumeLog log,
            SegmentVisitor visitor) {
        long segmentSize = blob.segmentSize();
        boolean trustLog = resumable(blob, consumers);
        int key = stateKey(blob.key());
        List<Consumer> sorted = new ArrayList<>(consumers);
        sorted.sort((a, b) -> Long.compare(a.blobOffset(), b.blobOffset()));
        int first = 0;
        for (int segment = 0; segment < blob.segmentCount(); segment++) {
            long start = segment * segmentSize;
            long end = Math.min(blob.size(), start + segmentSize);
            while (first < sorted.size() && sorted.get(first).blobOffset() + sorted.get(first).size() <= start) {
                first++;
            }
            List<ShareUnit.Slice> slices = new ArrayList<>(2);
            for (int i = first; i < sorted.size() && sorted.get(i).blobOffset() < end; i++) {
                Consumer c = sorted.get(i);
                long from = Math.max(start, c.blobOffset());
                long to = Math.min(end, c.blobOffset() + c.size());
                if (from < to) {
                    slices.add(new ShareUnit.Slice(c.target(), from, from - c.blobOffset(), (int) (to - from)));
                }
            }
            if (slices.isEmpty() || (trustLog && log.segmentDone(key, segment))) {
                continue;
            }
            visitor.visit(segment, slices);
        }
    }

    private static void reject(SafePath.Rejected r, DownloadTally tally, DownloadListener listener) {
        tally.nameRejected(new RejectedName(r.printableName(), r.reason()));
        listener.nameRejected(r.printableName(), r.reason());
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DownloadException.OutputFailure("cannot create folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates (or empties) an empty file; a symbolic link under its name is replaced, never written through. */
    private static void createEmpty(Path path, long mtimeMillis) {
        try {
            Files.createDirectories(path.getParent());
            if (Files.isSymbolicLink(path)) {
                Files.delete(path);
            }
            Files.newByteChannel(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS).close();
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.fromMillis(mtimeMillis), null, null);
        } catch (IOException e) {
            throw new DownloadException.OutputFailure("cannot create " + path + ": " + e.getMessage(), e);
        }
    }
}
