package io.usync.upload;

import io.usync.core.manifest.BlobKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A journal that keeps what it was told, for assertions. */
final class RecordingJournal implements UploadJournal {

    final List<List<ArticleEvent>> batches = new CopyOnWriteArrayList<>();
    final Map<BlobKey, BlobDigest> digests = new ConcurrentHashMap<>();

    @Override
    public void articles(List<ArticleEvent> events) {
        batches.add(List.copyOf(events));
    }

    @Override
    public void blobRead(BlobKey blob, int originVersion, BlobDigest digest) {
        digests.put(blob, digest);
    }

    long count(SegmentState state) {
        return batches.stream().flatMap(List::stream).filter(e -> e.state() == state).count();
    }
}
