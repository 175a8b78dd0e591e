package io.usync.core.manifest;

import io.usync.core.BlobKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One published version of a share: its label, version number, the article size used for new
 * blobs, every folder (empty ones included), every blob with its segment layout, every file with
 * where its bytes live, and the segments posted under a non-zero attempt number.
 */
public record Manifest(String label, int version, int articleSize, List<String> folders, List<ManifestBlob> blobs,
        List<ManifestFile> files, List<AttemptOverride> attempts) {

    /** Validates that every reference resolves: files to blobs (in range), overrides to segments. */
    public Manifest {
        if (label == null || version < 1 || articleSize <= 0) {
            throw new IllegalArgumentException("bad manifest header: version " + version + " articleSize " + articleSize);
        }
        folders = List.copyOf(folders);
        blobs = List.copyOf(blobs);
        files = List.copyOf(files);
        attempts = List.copyOf(attempts);
        Set<String> folderSet = new HashSet<>();
        for (String folder : folders) {
            ManifestPaths.requireRelative(folder);
            if (!folderSet.add(folder)) {
                throw new IllegalArgumentException("duplicate folder " + folder);
            }
        }
        Map<BlobKey, ManifestBlob> byKey = new HashMap<>();
        for (ManifestBlob blob : blobs) {
            if (blob.originVersion() > version) {
                throw new IllegalArgumentException("blob " + blob.key() + " claims a later version " + blob.originVersion());
            }
            if (byKey.put(blob.key(), blob) != null) {
                throw new IllegalArgumentException("duplicate blob " + blob.key());
            }
        }
        Set<String> paths = new HashSet<>();
        for (ManifestFile file : files) {
            if (!paths.add(file.path())) {
                throw new IllegalArgumentException("duplicate file " + file.path());
            }
            checkLocation(file, byKey);
        }
        for (AttemptOverride override : attempts) {
            ManifestBlob blob = byKey.get(new BlobKey(override.kind(), override.blobIndex()));
            if (blob == null || override.segmentIndex() >= blob.segmentCount()) {
                throw new IllegalArgumentException("attempt override for an unknown segment " + override);
            }
        }
    }

    private static void checkLocation(ManifestFile file, Map<BlobKey, ManifestBlob> byKey) {
        switch (file.location()) {
            case FileLocation.Empty e -> { }
            case FileLocation.Whole w -> {
                ManifestBlob blob = byKey.get(new BlobKey(BlobKind.FILE, w.blobIndex()));
                if (blob == null || blob.size() != file.size()) {
                    throw new IllegalArgumentException("file " + file.path() + " points at a missing or mis-sized blob");
                }
            }
            case FileLocation.Packed p -> {
                ManifestBlob blob = byKey.get(new BlobKey(BlobKind.PACK, p.packIndex()));
                if (blob == null || p.offset() + file.size() > blob.size() || p.offset() + file.size() < 0) {
                    throw new IllegalArgumentException("file " + file.path() + " lies outside its pack");
                }
            }
        }
    }

    /** The blob a file's bytes are stored in, if it is not empty. */
    public Optional<BlobKey> blobOf(ManifestFile file) {
        return switch (file.location()) {
            case FileLocation.Empty e -> Optional.empty();
            case FileLocation.Whole w -> Optional.of(new BlobKey(BlobKind.FILE, w.blobIndex()));
            case FileLocation.Packed p -> Optional.of(new BlobKey(BlobKind.PACK, p.packIndex()));
        };
    }

    /** The attempt number each listed segment was posted under (absent segments used attempt 0). */
    public Map<SegmentKey, Integer> attemptsBySegment() {
        Map<SegmentKey, Integer> map = new HashMap<>();
        for (AttemptOverride o : attempts) {
            map.put(new SegmentKey(new BlobKey(o.kind(), o.blobIndex()), o.segmentIndex()), o.attempt());
        }
        return map;
    }

    /** One segment of one blob, for attempt lookups. */
    public record SegmentKey(BlobKey blob, int segmentIndex) {
    }
}
