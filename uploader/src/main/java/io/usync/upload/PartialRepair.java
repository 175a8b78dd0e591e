package io.usync.upload;

import io.usync.core.BlobKind;
import io.usync.core.SourceFile;
import io.usync.core.manifest.BlobKey;
import io.usync.core.manifest.ManifestBlob;
import io.usync.index.FileChanges;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the next run makes whole what a version published with {@code --allow-partial} lacks: a
 * whole-file blob whose file is unchanged gets only its missing segments posted again (in its own
 * origin version, under their next attempt's Message-IDs); the files of any other damaged blob (a
 * pack, another segment size) count as changed and are posted again as new blobs.
 */
final class PartialRepair {

    private final Set<String> repost;
    private final List<ManifestBlob> repairs;
    private final Map<BlobKey, String> repairPaths;

    private PartialRepair(Set<String> repost, List<ManifestBlob> repairs, Map<BlobKey, String> repairPaths) {
        this.repost = repost;
        this.repairs = repairs;
        this.repairPaths = repairPaths;
    }

    /** Nothing to repair (a complete share, or a resume). */
    static PartialRepair none() {
        return new PartialRepair(Set.of(), List.of(), Map.of());
    }

    /**
     * What {@code published} lacks, given what changed on disk since and the upload's segment size;
     * asks the index only about the damaged blobs' layout.
     */
    static PartialRepair find(BlobCatalog catalog, int published, FileChanges changes, int segmentSize) {
        List<BlobCatalog.Damaged> damaged = catalog.damagedBlobs(published);
        if (damaged.isEmpty()) {
            return none();
        }
        Set<String> unchanged = new HashSet<>();
        changes.unchanged().forEach(u -> unchanged.add(u.current().path()));
        Map<Integer, Set<BlobKey>> wholeFiles = new HashMap<>();
        Set<String> repost = new HashSet<>();
        for (BlobCatalog.Damaged d : damaged) {
            if (d.key().kind() == BlobKind.FILE && d.paths().size() == 1 && unchanged.contains(d.paths().getFirst())) {
                wholeFiles.computeIfAbsent(d.originVersion(), v -> new HashSet<>()).add(d.key());
            } else {
                repost.addAll(d.paths());
            }
        }
        Map<BlobKey, String> paths = new HashMap<>();
        damaged.forEach(d -> paths.put(d.key(), d.paths().getFirst()));
        List<ManifestBlob> repairs = new ArrayList<>();
        Map<BlobKey, String> repairPaths = new HashMap<>();
        for (Map<BlobKey, ManifestBlob> blobs : catalog.lookup(wholeFiles).values()) {
            for (ManifestBlob blob : blobs.values()) {
                if (blob.segmentSize() == segmentSize) {
                    repairs.add(blob);
                    repairPaths.put(blob.key(), paths.get(blob.key()));
                } else {
                    repost.add(paths.get(blob.key()));
                }
            }
        }
        return new PartialRepair(repost, repairs, repairPaths);
    }

    /** Whether some blob gets segments posted again in place. */
    boolean repairsInPlace() {
        return !repairs.isEmpty();
    }

    /** {@code changes} with the files to post again as new blobs counted as modified. */
    FileChanges applyTo(FileChanges changes) {
        if (repost.isEmpty()) {
            return changes;
        }
        List<SourceFile> modified = new ArrayList<>(changes.modified());
        List<FileChanges.Unchanged> unchanged = new ArrayList<>();
        for (FileChanges.Unchanged u : changes.unchanged()) {
            if (repost.contains(u.current().path())) {
                modified.add(u.current());
            } else {
                unchanged.add(u);
            }
        }
        return new FileChanges(changes.added(), modified, unchanged, changes.removed());
    }

    /** The blobs to repair in place, read from their (unchanged, reused) files of {@code plan} under {@code root}. */
    List<PlannedBlob> blobs(Path root, UploadPlan plan) {
        Map<String, PlannedFile> byPath = new HashMap<>();
        plan.files().forEach(f -> byPath.put(f.file().path(), f));
        List<PlannedBlob> blobs = new ArrayList<>();
        for (ManifestBlob blob : repairs) {
            PlannedFile file = byPath.get(repairPaths.get(blob.key()));
            blobs.add(new PlannedBlob(blob, new PlannedBlob.WholeFile(root, file.file(), file.scanIndex() + 1)));
        }
        return blobs;
    }
}
