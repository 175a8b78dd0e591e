package io.usync.upload;

import io.usync.core.BlobKind;
import io.usync.core.manifest.AttemptOverride;
import io.usync.core.manifest.BlobKey;
import io.usync.core.manifest.FileLocation;
import io.usync.core.manifest.Manifest;
import io.usync.core.manifest.ManifestBlob;
import io.usync.core.manifest.ManifestFile;
import io.usync.index.FileRecord;
import io.usync.index.IndexException;
import io.usync.index.PackRecord;
import io.usync.index.RowCursor;
import io.usync.index.Sha256;
import io.usync.index.ShareIndex;
import io.usync.segmenter.pack.PackMember;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a finished version into its manifest (every file with its hash and blob, every blob with
 * its layout, attempt exceptions) and, once it is published, records the version's files,
 * folders and packs in the index and marks the version published.
 */
final class VersionPublisher {

    private final ShareIndex index;
    private final long shareId;

    /** Creates a publisher for share {@code shareId}. */
    VersionPublisher(ShareIndex index, long shareId) {
        this.index = index;
        this.shareId = shareId;
    }

    /** The manifest of {@code plan} given the digests read and the ledgers of its new blobs. */
    Manifest manifest(String label, int articleSize, UploadPlan plan, Map<BlobKey, BlobDigest> digests,
            Map<BlobKey, BlobLedger> ledgers) {
        Map<BlobKey, byte[]> memberSha = new HashMap<>();
        Map<String, byte[]> packedSha = new HashMap<>();
        List<ManifestBlob> blobs = new ArrayList<>();
        for (PlannedBlob blob : plan.newBlobs()) {
            blobs.add(blob.meta());
            BlobDigest digest = digests.get(blob.meta().key());
            if (digest == null) {
                throw new IllegalStateException("blob " + blob.meta().key() + " was never read");
            }
            if (blob.content() instanceof PlannedBlob.Pack pack) {
                List<PackMember> members = pack.layout().members();
                for (int i = 0; i < members.size(); i++) {
                    packedSha.put(members.get(i).path(), digest.memberSha256().get(i));
                }
            } else {
                memberSha.put(blob.meta().key(), digest.sha256());
            }
        }
        Map<Integer, java.util.Set<BlobKey>> needed = new TreeMap<>();
        for (PlannedFile f : plan.files()) {
            if (f.reused()) {
                PlannedFile.Location loc = f.location().orElseThrow();
                needed.computeIfAbsent(loc.originVersion(), v -> new HashSet<>())
                        .add(new BlobKey(loc.kind(), loc.blobIndex()));
            }
        }
        BlobCatalog catalog = new BlobCatalog(index, shareId);
        Map<Integer, Map<BlobKey, ManifestBlob>> old = catalog.lookup(needed);
        Set<BlobKey> seen = new HashSet<>();
        blobs.forEach(b -> seen.add(b.key()));
        for (Map<BlobKey, ManifestBlob> perVersion : old.values()) {
            for (ManifestBlob b : perVersion.values()) {
                if (!seen.add(b.key())) {
                    throw new UploadException.PlanMismatch("blob " + b.key() + " is claimed by two versions; drop the"
                            + " share with 'usync shares drop' and upload again");
                }
                blobs.add(b);
            }
        }
        List<ManifestFile> files = new ArrayList<>(plan.files().size());
        for (PlannedFile f : plan.files()) {
            files.add(manifestFile(f, memberSha, packedSha));
        }
        // This run's ledgers first: a reused blob repaired in place has newer attempts than the index's.
        Map<Manifest.SegmentKey, AttemptOverride> attempts = new LinkedHashMap<>();
        for (BlobLedger ledger : ledgers.values()) {
            for (int s = 0; s < ledger.segmentCount(); s++) {
                if (ledger.attempt(s) > 0) {
                    attempts.put(new Manifest.SegmentKey(ledger.key(), s),
                            new AttemptOverride(ledger.key().kind(), ledger.key().index(), s, ledger.attempt(s)));
                }
            }
        }
        for (AttemptOverride retry : catalog.retries(needed)) {
            attempts.putIfAbsent(new Manifest.SegmentKey(new BlobKey(retry.kind(), retry.blobIndex()),
                    retry.segmentIndex()), retry);
        }
        return new Manifest(label, plan.version(), articleSize, plan.folders(), blobs, files,
                List.copyOf(attempts.values()));
    }

    private static ManifestFile manifestFile(PlannedFile f, Map<BlobKey, byte[]> fileSha, Map<String, byte[]> packedSha) {
        var file = f.file();
        if (f.location().isEmpty()) {
            return new ManifestFile(file.path(), 0, file.mtimeMillis(), UploadPlanner.EMPTY_SHA256, FileLocation.EMPTY);
        }
        PlannedFile.Location loc = f.location().get();
        FileLocation location = loc.kind() == BlobKind.FILE ? new FileLocation.Whole(loc.blobIndex())
                : new FileLocation.Packed(loc.blobIndex(), loc.offset());
        byte[] sha = f.sha256().orElseGet(() -> loc.kind() == BlobKind.FILE
                ? fileSha.get(new BlobKey(BlobKind.FILE, loc.blobIndex())) : packedSha.get(file.path()));
        if (sha == null) {
            throw new IllegalStateException("no digest for " + file.path());
        }
        return new ManifestFile(file.path(), file.size(), file.mtimeMillis(), sha, location);
    }

    /**
     * Records the version's files with their digests (the intent recorded those of new files
     * without), its folders and packs, then marks it published.
     */
    void recordPublished(UploadPlan plan, Manifest manifest, Map<BlobKey, BlobDigest> digests) {
        int version = plan.version();
        Set<String> recorded = new HashSet<>();
        try (RowCursor<FileRecord> files = index.streamFiles(shareId, version)) {
            files.forEach(f -> {
                if (f.sha256().isPresent()) {
                    recorded.add(f.path());
                }
            });
        }
        Map<String, ManifestFile> byPath = new LinkedHashMap<>();
        manifest.files().forEach(f -> byPath.put(f.path(), f));
        List<FileRecord> rows = new ArrayList<>();
        for (PlannedFile f : plan.files()) {
            if (recorded.contains(f.file().path())) {
                continue;
            }
            PlannedFile digested = new PlannedFile(f.scanIndex(), f.file(), f.location(),
                    java.util.Optional.of(byPath.get(f.file().path()).sha256()), f.reused());
            rows.add(IntentRecorder.fileRecord(digested, version));
        }
        try {
            index.recordFolders(shareId, version, plan.folders());
            List<PackRecord> packs = new ArrayList<>();
            for (PlannedBlob blob : plan.newBlobs()) {
                if (blob.content() instanceof PlannedBlob.Pack pack) {
                    packs.add(new PackRecord(blob.meta().index(), blob.meta().size(),
                            java.util.Optional.of(new Sha256(digests.get(blob.meta().key()).sha256())),
                            pack.layout().members().size()));
                }
            }
            index.recordPacks(shareId, version, packs);
        } catch (IndexException.StorageFailed e) {
            // Recorded by an earlier run that was interrupted before the version was marked published.
        }
        index.completeFiles(shareId, version, rows);
        index.publishVersion(shareId, version);
    }
}
