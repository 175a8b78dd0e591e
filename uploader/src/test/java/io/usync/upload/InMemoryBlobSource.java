package io.usync.upload;

import io.usync.core.Segment;
import io.usync.core.manifest.BlobKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Blob bytes held in memory, read segment by segment like the real readers. */
final class InMemoryBlobSource implements BlobSource {

    final Map<BlobKey, byte[]> blobs = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public BlobDigest read(PlannedBlob blob, SliceVisitor visitor) throws IOException {
        reads.incrementAndGet();
        byte[] bytes = blobs.get(blob.meta().key());
        for (Segment segment : blob.segments()) {
            visitor.visit(segment, ByteBuffer.wrap(bytes, (int) segment.range().offset(),
                    (int) segment.range().length()).slice().asReadOnlyBuffer(), () -> { });
        }
        try {
            return new BlobDigest(MessageDigest.getInstance("SHA-256").digest(bytes), List.of());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
