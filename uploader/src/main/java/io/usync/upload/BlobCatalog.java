package io.usync.upload;

import io.usync.core.BlobKind;
import io.usync.core.Segment;
import io.usync.core.manifest.AttemptOverride;
import io.usync.core.manifest.BlobKey;
import io.usync.core.manifest.ManifestBlob;
import io.usync.index.FileRecord;
import io.usync.index.PendingSegment;
import io.usync.index.RowCursor;
import io.usync.index.SegmentRecord;
import io.usync.index.ShareIndex;
import io.usync.index.VerifiedRetry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds the manifest entries of blobs posted by earlier versions (size, segment size and
 * count) from the segments the index recorded for their origin version, streaming each needed
 * version once.
 */
final class BlobCatalog {

    private final ShareIndex index;
    private final long shareId;

    /** Creates a catalog over share {@code shareId}. */
    BlobCatalog(ShareIndex index, long shareId) {
        this.index = index;
        this.shareId = shareId;
    }

    /** The entries of {@code needed} blobs, keyed by origin version then blob key. */
    Map<Integer, Map<BlobKey, ManifestBlob>> lookup(Map<Integer, Set<BlobKey>> needed) {
        Map<Integer, Map<BlobKey, ManifestBlob>> found = new TreeMap<>();
        for (Map.Entry<Integer, Set<BlobKey>> e : needed.entrySet()) {
            int version = e.getKey();
            Set<BlobKey> keys = new HashSet<>(e.getValue());
            Map<BlobKey, long[]> sizes = new HashMap<>();
            try (RowCursor<SegmentRecord> segments = index.streamSegments(shareId, version)) {
                for (SegmentRecord record : segments) {
                    Segment s = record.segment();
                    BlobKey key = new BlobKey(s.kind(), s.blobIndex());
                    if (!keys.contains(key)) {
                        continue;
                    }
                    long[] acc = sizes.computeIfAbsent(key, k -> new long[] {0, 0, s.count()});
                    acc[0] = Math.max(acc[0], s.range().end());
                    if (s.index() == 0) {
                        acc[1] = s.range().length();
                    }
                }
            }
            Map<BlobKey, ManifestBlob> blobs = new HashMap<>();
            for (Map.Entry<BlobKey, long[]> s : sizes.entrySet()) {
                long[] acc = s.getValue();
                blobs.put(s.getKey(), new ManifestBlob(s.getKey().kind(), s.getKey().index(), version, acc[0],
                        Math.toIntExact(acc[1]), Math.toIntExact(acc[2])));
            }
            if (blobs.size() != keys.size()) {
                throw new UploadException.PlanMismatch("the index lacks segments of version " + version
                        + " that unchanged files still use; drop the share with 'usync shares drop' and upload again");
            }
            found.put(version, blobs);
        }
        return found;
    }

    /**
     * The attempt exceptions (verified articles posted under an attempt above 0) of the {@code needed}
     * blobs, so a later version's manifest names the same Message-IDs its origin version did.
     */
    List<AttemptOverride> retries(Map<Integer, Set<BlobKey>> needed) {
        List<AttemptOverride> found = new ArrayList<>();
        for (Map.Entry<Integer, Set<BlobKey>> e : needed.entrySet()) {
            try (RowCursor<VerifiedRetry> retries = index.verifiedRetries(shareId, e.getKey())) {
                for (VerifiedRetry r : retries) {
                    if (e.getValue().contains(new BlobKey(r.kind(), r.blobIndex()))) {
                        found.add(new AttemptOverride(r.kind(), r.blobIndex(), r.segmentIndex(), r.attempt()));
                    }
                }
            }
        }
        return found;
    }

    /**
     * {@code floor} raised past every FILE and PACK blob index {@code version} recorded segments of:
     * where an unpublished version recorded anew numbers its blobs, so none of them has a
     * Message-ID of the stale content already posted.
     */
    int[] nextIndicesAfterSegments(int version, int[] floor) {
        int[] next = floor.clone();
        try (RowCursor<SegmentRecord> segments = index.streamSegments(shareId, version)) {
            for (SegmentRecord record : segments) {
                Segment s = record.segment();
                int slot = s.kind() == BlobKind.FILE ? 0 : 1;
                next[slot] = Math.max(next[slot], s.blobIndex() + 1);
            }
        }
        return next;
    }

    /**
     * The first FILE and PACK blob indices the files {@code version} recorded point at in that
     * version ({@code fallback} for a kind none does): where the intent of an interrupted version
     * numbered its new blobs, so its resume plans exactly the same keys.
     */
    int[] firstIndicesOfFiles(int version, int[] fallback) {
        int[] first = {Integer.MAX_VALUE, Integer.MAX_VALUE};
        try (RowCursor<FileRecord> files = index.streamFiles(shareId, version)) {
            for (FileRecord f : files) {
                if (f.size() > 0 && f.location().blobVersion() == version) {
                    int slot = f.location().kind() == BlobKind.FILE ? 0 : 1;
                    first[slot] = Math.min(first[slot], f.location().blobIndex());
                }
            }
        }
        return new int[] {first[0] == Integer.MAX_VALUE ? fallback[0] : first[0],
                first[1] == Integer.MAX_VALUE ? fallback[1] : first[1]};
    }

    /** A blob some segment of which has no verified article, and the paths of the files that use it. */
    record Damaged(int originVersion, BlobKey key, List<String> paths) {
    }

    /**
     * The blobs {@code version}'s files use (of this or an earlier version) that have a segment
     * without a verified article: what a version published with {@code --allow-partial} lacks.
     */
    List<Damaged> damagedBlobs(int version) {
        Map<Integer, Map<BlobKey, List<String>>> users = new TreeMap<>();
        try (RowCursor<FileRecord> files = index.streamFiles(shareId, version)) {
            for (FileRecord f : files) {
                if (f.size() > 0) {
                    users.computeIfAbsent(f.location().blobVersion(), v -> new HashMap<>())
                            .computeIfAbsent(new BlobKey(f.location().kind(), f.location().blobIndex()),
                                    k -> new ArrayList<>()).add(f.path());
                }
            }
        }
        List<Damaged> damaged = new ArrayList<>();
        for (Map.Entry<Integer, Map<BlobKey, List<String>>> e : users.entrySet()) {
            Set<BlobKey> seen = new HashSet<>();
            try (RowCursor<PendingSegment> pending = index.pendingSegments(shareId, e.getKey())) {
                for (PendingSegment p : pending) {
                    Segment s = p.segment().segment();
                    BlobKey key = new BlobKey(s.kind(), s.blobIndex());
                    List<String> paths = e.getValue().get(key);
                    if (paths != null && seen.add(key)) {
                        damaged.add(new Damaged(e.getKey(), key, List.copyOf(paths)));
                    }
                }
            }
        }
        return damaged;
    }

    /** Highest FILE and PACK blob indices referenced by the files of {@code version}, plus one. */
    int[] nextIndices(int version) {
        int[] next = {0, 0};
        try (RowCursor<FileRecord> files = index.streamFiles(shareId, version)) {
            for (FileRecord f : files) {
                if (f.size() == 0) {
                    continue;
                }
                int slot = f.location().kind() == BlobKind.FILE ? 0 : 1;
                next[slot] = Math.max(next[slot], f.location().blobIndex() + 1);
            }
        }
        return next;
    }
}
