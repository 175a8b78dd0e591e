package io.usync.upload;

import io.usync.core.BlobKind;
import io.usync.core.Segment;
import io.usync.core.SourceFile;
import io.usync.core.manifest.ManifestBlob;
import io.usync.segmenter.SegmentPlanner;
import io.usync.segmenter.pack.PackLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * A blob this upload may have to post: its manifest entry (kind, share-wide index, origin
 * version, size and segment layout) and where its bytes come from.
 */
record PlannedBlob(ManifestBlob meta, Content content) {

    /** Validates that the content kind matches the blob kind. */
    PlannedBlob {
        if (meta == null || content == null) {
            throw new IllegalArgumentException("blob meta and content are required");
        }
        if ((meta.kind() == BlobKind.FILE) != (content instanceof WholeFile)) {
            throw new IllegalArgumentException("blob " + meta.key() + " has content of the other kind");
        }
    }

    /** The blob's segments, computed on access. */
    List<Segment> segments() {
        return SegmentPlanner.plan(meta.kind(), meta.index(), meta.size(), meta.segmentSize());
    }

    /** Where a blob's bytes come from. */
    sealed interface Content {
    }

    /** A whole file under {@code root} as scanned, and (plain mode) its 1-based number among the upload's files. */
    record WholeFile(Path root, SourceFile file, int number) implements Content {
        /** The last path element, used as the yEnc name in plain mode. */
        String displayName() {
            String path = file.path();
            int slash = path.lastIndexOf('/');
            return slash < 0 ? path : path.substring(slash + 1);
        }
    }

    /** A pack of small files under {@code root}; the layout's members index into {@code files} (the scan's list). */
    record Pack(Path root, PackLayout layout, List<SourceFile> files) implements Content {
    }
}
