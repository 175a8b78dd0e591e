package io.usync.upload;

import io.usync.core.Segment;
import io.usync.core.manifest.BlobKey;
import io.usync.index.ArticleRecord;
import io.usync.index.BlobLocation;
import io.usync.index.FileRecord;
import io.usync.index.PendingSegment;
import io.usync.index.RowCursor;
import io.usync.index.copy.BatchedCopyWriter;
import io.usync.index.SegmentRecord;
import io.usync.index.Sha256;
import io.usync.index.ShareIndex;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a version's intent to the index before anything is posted (every file as scanned, every
 * new segment and its planned first article, by binary COPY), completes an intent an interruption
 * cut short or records it anew when the folder changed since, and rebuilds each blob's ledger from
 * what the index says is verified.
 */
final class IntentRecorder {

    private final ShareIndex index;
    private final long shareId;

    /** Creates a recorder for share {@code shareId}. */
    IntentRecorder(ShareIndex index, long shareId) {
        this.index = index;
        this.shareId = shareId;
    }

    /**
     * Records what is not recorded yet of {@code plan} and returns a ledger per new blob restored
     * from the index; {@code ids} derives the planned articles' Message-IDs. When {@code resuming},
     * articles recorded as planned may have been posted by the interrupted run before it could say
     * so: they start as posted, so the check asks the server before anything is posted again. When
     * {@code redo}, the folder changed since the interrupted run recorded its intent: the version's
     * files are recorded anew (the plan numbers its blobs after every blob recorded before). Blobs
     * recorded but not planned (stale content of an earlier intent) are left alone, never published.
     */
    Map<BlobKey, BlobLedger> record(UploadPlan plan, SegmentIds ids, Set<String> recordedAttemptIds,
            boolean resuming, boolean redo) {
        int version = plan.version();
        if (redo) {
            index.replaceFiles(shareId, version, plan.files().stream().map(f -> fileRecord(f, version)).toList());
        } else {
            // Every file, so that a resume can tell whether the folder changed since (size, mtime).
            Set<String> recordedPaths = new HashSet<>();
            try (RowCursor<FileRecord> files = index.streamFiles(shareId, version)) {
                files.forEach(f -> recordedPaths.add(f.path()));
            }
            index.recordFiles(shareId, version, plan.files().stream()
                    .filter(f -> !recordedPaths.contains(f.file().path()))
                    .map(f -> fileRecord(f, version)).toList());
        }
        Map<BlobKey, Integer> recorded = new HashMap<>();
        try (RowCursor<SegmentRecord> segments = index.streamSegments(shareId, version)) {
            for (SegmentRecord s : segments) {
                BlobKey key = new BlobKey(s.segment().kind(), s.segment().blobIndex());
                recorded.merge(key, 1, Integer::sum);
            }
        }
        Map<BlobKey, PlannedBlob> planned = new LinkedHashMap<>();
        for (PlannedBlob blob : plan.newBlobs()) {
            planned.put(blob.meta().key(), blob);
        }
        for (Map.Entry<BlobKey, Integer> e : recorded.entrySet()) {
            PlannedBlob blob = planned.get(e.getKey());
            if (blob != null && e.getValue() != blob.meta().segmentCount()) {
                throw new UploadException.PlanMismatch("the index's record of the interrupted upload of version "
                        + version + " does not match the folder; run the same command again");
            }
        }
        List<PlannedBlob> incomplete = plan.newBlobs().stream()
                .filter(b -> recorded.getOrDefault(b.meta().key(), 0) < b.meta().segmentCount()).toList();
        index.recordSegments(shareId, flat(incomplete, b -> b.segments().stream()
                .map(s -> new SegmentRecord(version, s, 0, 0)).toList()));
        return restore(version, planned, ids, recordedAttemptIds, resuming);
    }

    /**
     * The ledgers of published blobs that lack segments ({@code blobs}, each of its own origin
     * version), restored as a resume would: the missing segments are posted again under their next
     * attempt, or first checked when an attempt was recorded as planned only.
     */
    Map<BlobKey, BlobLedger> repairLedgers(List<PlannedBlob> blobs, SegmentIds ids, Set<String> recordedAttemptIds) {
        Map<Integer, Map<BlobKey, PlannedBlob>> byVersion = new java.util.TreeMap<>();
        for (PlannedBlob blob : blobs) {
            byVersion.computeIfAbsent(blob.meta().originVersion(), v -> new LinkedHashMap<>()).put(blob.meta().key(), blob);
        }
        Map<BlobKey, BlobLedger> ledgers = new LinkedHashMap<>();
        byVersion.forEach((version, planned) -> ledgers.putAll(restore(version, planned, ids, recordedAttemptIds, true)));
        return ledgers;
    }

    /** A ledger per blob of {@code planned} (all of origin {@code version}): verified but what the index says is not. */
    private Map<BlobKey, BlobLedger> restore(int version, Map<BlobKey, PlannedBlob> planned, SegmentIds ids,
            Set<String> recordedAttemptIds, boolean resuming) {
        Map<BlobKey, BlobLedger> ledgers = new LinkedHashMap<>();
        for (PlannedBlob blob : planned.values()) {
            BlobLedger ledger = new BlobLedger(blob.meta().key(), version, blob.meta().segmentCount());
            for (int s = 0; s < ledger.segmentCount(); s++) {
                ledger.restore(s, SegmentState.VERIFIED, 0, "");
            }
            ledgers.put(blob.meta().key(), ledger);
        }
        try (BatchedCopyWriter<ArticleRecord> missingRows = index.articleWriter(shareId);
                RowCursor<PendingSegment> pending = index.pendingSegments(shareId, version)) {
            for (PendingSegment p : pending) {
                Segment segment = p.segment().segment();
                BlobLedger ledger = ledgers.get(new BlobKey(segment.kind(), segment.blobIndex()));
                if (ledger == null) {
                    continue;
                }
                int index = segment.index();
                if (p.latest().isEmpty()) {
                    ledger.restore(index, SegmentState.PENDING, 0, "");
                    missingRows.add(ArticleRecord.planned(p.segment(), 0,
                            ids.segment(planned.get(ledger.key()).meta(), index, 0).withBrackets()));
                    continue;
                }
                PendingSegment.Attempt latest = p.latest().get();
                if (latest.attempt() > 0) {
                    recordedAttemptIds.add(latest.messageId());
                }
                switch (latest.state()) {
                    case POSTED -> ledger.restore(index, SegmentState.POSTED, latest.attempt(), latest.server());
                    case FAILED -> {
                        ledger.restore(index, SegmentState.PENDING, latest.attempt(), "");
                        ledger.nextAttempt(index);
                    }
                    case PLANNED -> ledger.restore(index, resuming ? SegmentState.POSTED : SegmentState.PENDING,
                            latest.attempt(), "");
                    default -> ledger.restore(index, SegmentState.PENDING, latest.attempt(), "");
                }
            }
        }
        return ledgers;
    }

    /**
     * The index row of a file of {@code version}: its blob (an empty file points at no bytes of
     * blob 0) and its digest when known (not yet for a file this version posts).
     */
    static FileRecord fileRecord(PlannedFile f, int version) {
        BlobLocation location = f.location().map(l -> new BlobLocation(l.originVersion(), l.kind(), l.blobIndex(),
                l.offset())).orElse(BlobLocation.file(version, 0));
        return FileRecord.of(f.scanIndex(), f.file(), f.sha256().map(Sha256::new), location);
    }

    /** Flattens per-blob lists lazily, so a huge plan is never materialised as one list. */
    private static <T> Iterable<T> flat(List<PlannedBlob> blobs, Function<PlannedBlob, List<T>> rows) {
        return () -> new Iterator<T>() {
            private int blob;
            private Iterator<T> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && blob < blobs.size()) {
                    current = rows.apply(blobs.get(blob++)).iterator();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
