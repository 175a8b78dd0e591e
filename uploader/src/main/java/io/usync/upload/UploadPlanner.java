package io.usync.upload;

import io.usync.core.BlobKind;
import io.usync.core.SourceFile;
import io.usync.core.manifest.ManifestBlob;
import io.usync.index.FileChanges;
import io.usync.index.FileRecord;
import io.usync.segmenter.SegmentPlanner;
import io.usync.segmenter.pack.PackLayout;
import io.usync.segmenter.pack.PackMember;
import io.usync.segmenter.pack.PackOptions;
import io.usync.segmenter.pack.PackPlan;
import io.usync.segmenter.pack.SmallFilePacker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides what version {@code N} consists of: unchanged files keep their earlier blobs, new and
 * modified files become new blobs (small ones packed, except in plain mode), numbered after the
 * highest blob index the previous version references. Pure and deterministic, so a resumed upload
 * plans exactly what the interrupted one recorded.
 */
final class UploadPlanner {

    private final int segmentSize;
    private final PackOptions packOptions;
    private final boolean packSmallFiles;

    /** Creates a planner cutting blobs into {@code segmentSize} segments; packs only when {@code packSmallFiles}. */
    UploadPlanner(int segmentSize, PackOptions packOptions, boolean packSmallFiles) {
        this.segmentSize = segmentSize;
        this.packOptions = packOptions;
        this.packSmallFiles = packSmallFiles;
    }

    /**
     * Plans version {@code version} of the tree under {@code root} as scanned, given what changed
     * since the stored version and the first free FILE and PACK blob indices.
     */
    UploadPlan plan(Path root, ShareableTree scan, FileChanges changes, int version, int nextFileIndex,
            int nextPackIndex) {
        Map<String, FileRecord> unchanged = new HashMap<>();
        for (FileChanges.Unchanged u : changes.unchanged()) {
            unchanged.put(u.current().path(), u.stored());
        }
        List<SourceFile> scanned = scan.files();
        List<SourceFile> fresh = new ArrayList<>();
        List<Integer> freshScanIndex = new ArrayList<>();
        PlannedFile[] files = new PlannedFile[scanned.size()];
        for (int i = 0; i < scanned.size(); i++) {
            SourceFile file = scanned.get(i);
            FileRecord stored = unchanged.get(file.path());
            if (file.size() == 0) {
                files[i] = new PlannedFile(i, file, Optional.empty(), Optional.of(EMPTY_SHA256), false);
            } else if (stored != null && stored.sha256().isPresent() && stored.location().blobVersion() != version) {
                var loc = stored.location();
                files[i] = new PlannedFile(i, file, Optional.of(new PlannedFile.Location(loc.blobVersion(), loc.kind(),
                        loc.blobIndex(), loc.packOffset())), Optional.of(stored.sha256().get().bytes()), true);
            } else {
                fresh.add(file);
                freshScanIndex.add(i);
            }
        }
        List<PlannedBlob> blobs = new ArrayList<>();
        PackPlan packPlan = packSmallFiles ? SmallFilePacker.pack(fresh, packOptions) : noPacking(fresh);
        int fileIndex = nextFileIndex;
        for (int local : packPlan.standaloneFiles()) {
            SourceFile file = fresh.get(local);
            int scanIndex = freshScanIndex.get(local);
            ManifestBlob meta = blobMeta(BlobKind.FILE, fileIndex, version, file.size());
            blobs.add(new PlannedBlob(meta, new PlannedBlob.WholeFile(root, file, scanIndex + 1)));
            files[scanIndex] = new PlannedFile(scanIndex, file, Optional.of(new PlannedFile.Location(version,
                    BlobKind.FILE, fileIndex, 0)), Optional.empty(), false);
            fileIndex++;
        }
        int packIndex = nextPackIndex;
        for (PackLayout layout : packPlan.packs()) {
            PackLayout renumbered = new PackLayout(packIndex, layout.members(), layout.dataBytes(), layout.blobBytes());
            ManifestBlob meta = blobMeta(BlobKind.PACK, packIndex, version, layout.blobBytes());
            blobs.add(new PlannedBlob(meta, new PlannedBlob.Pack(root, renumbered, fresh)));
            for (PackMember member : layout.members()) {
                int scanIndex = freshScanIndex.get(member.fileIndex());
                files[scanIndex] = new PlannedFile(scanIndex, fresh.get(member.fileIndex()), Optional.of(
                        new PlannedFile.Location(version, BlobKind.PACK, packIndex, member.offset())), Optional.empty(),
                        false);
            }
            packIndex++;
        }
        for (int local : packPlan.emptyFiles()) {
            int scanIndex = freshScanIndex.get(local);
            files[scanIndex] = new PlannedFile(scanIndex, fresh.get(local), Optional.empty(),
                    Optional.of(EMPTY_SHA256), false);
        }
        return new UploadPlan(version, List.of(files), folders(scan), blobs);
    }

    private ManifestBlob blobMeta(BlobKind kind, int index, int version, long size) {
        return new ManifestBlob(kind, index, version, size, segmentSize,
                Math.toIntExact(SegmentPlanner.segmentCount(size, segmentSize)));
    }

    private static PackPlan noPacking(List<SourceFile> fresh) {
        List<Integer> standalone = new ArrayList<>();
        List<Integer> empty = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            (fresh.get(i).size() == 0 ? empty : standalone).add(i);
        }
        return new PackPlan(standalone, List.of(), empty);
    }

    /** Every folder of the tree: the parents of every file and the empty directories, sorted. */
    static List<String> folders(ShareableTree scan) {
        TreeSet<String> folders = new TreeSet<>(scan.emptyDirectories());
        for (SourceFile file : scan.files()) {
            String path = file.path();
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                folders.add(path.substring(0, slash));
            }
        }
        for (String empty : scan.emptyDirectories()) {
            for (int slash = empty.indexOf('/'); slash >= 0; slash = empty.indexOf('/', slash + 1)) {
                folders.add(empty.substring(0, slash));
            }
        }
        return List.copyOf(folders);
    }

    /** SHA-256 of no bytes. */
    static final byte[] EMPTY_SHA256 = java.util.HexFormat.of()
            .parseHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
