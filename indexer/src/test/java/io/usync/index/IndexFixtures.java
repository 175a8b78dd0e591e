package io.usync.index;

import io.usync.core.BlobKind;
import io.usync.core.ByteRange;
import io.usync.core.Segment;
import io.usync.index.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Shared helpers for the index integration tests. */
final class IndexFixtures {

    private static final AtomicLong LOCATORS = new AtomicLong(System.nanoTime());

    private IndexFixtures() {
    }

    static IndexDatabase open(TestDatabase db, int poolSize, int batchRows) {
        IndexOptions options = IndexOptions.defaults().withJdbcUrl(db.jdbcUrl(), db.user(), db.password())
                .withPoolSize(poolSize).withCopyBatch(batchRows, Duration.ofSeconds(30)).withFetchSize(500);
        return IndexDatabase.open(options);
    }

    static NewShare newShare(String label) {
        byte[] locator = new byte[16];
        long v = LOCATORS.incrementAndGet();
        for (int i = 0; i < 8; i++) {
            locator[i] = (byte) (v >>> (8 * i));
        }
        return new NewShare(ShareMode.PUBLIC, locator, new byte[0], label, "/data/" + label);
    }

    /** Segments of {@code blobs} file blobs, {@code perBlob} segments of {@code size} bytes each. */
    static List<SegmentRecord> segments(int version, int blobs, int perBlob, int size) {
        List<SegmentRecord> list = new ArrayList<>(blobs * perBlob);
        for (int b = 0; b < blobs; b++) {
            for (int i = 0; i < perBlob; i++) {
                Segment s = new Segment(BlobKind.FILE, b, i, perBlob, new ByteRange((long) i * size, size));
                list.add(new SegmentRecord(version, s, size + size / 50, b * 31 + i));
            }
        }
        return list;
    }

    static String messageId(SegmentRecord s, int attempt) {
        Segment g = s.segment();
        return "<v" + s.version() + "k" + g.kind().ordinal() + "b" + g.blobIndex() + "s" + g.index() + "a" + attempt
                + "@test.usync>";
    }

    static FileRecord file(int index, String path, long size, long mtime) {
        return new FileRecord(index, path, size, mtime, Optional.empty(), BlobLocation.file(1, index));
    }
}
