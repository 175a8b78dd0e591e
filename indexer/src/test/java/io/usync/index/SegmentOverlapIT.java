package io.usync.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.BlobKind;
import io.usync.core.ByteRange;
import io.usync.core.Segment;
import io.usync.index.copy.BatchedCopyWriter;
import io.usync.index.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The writers' overlap check (no trigger since V5): overlaps are refused whether the neighbour is
 * in the same batch, in an earlier batch or another COPY, in any row order; correctly cut blobs
 * written in any order and batch size are never refused.
 */
class SegmentOverlapIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    private static IndexDatabase database;
    private static ShareIndex index;

    @BeforeAll
    static void open() {
        database = IndexFixtures.open(DB, 4, 1000);
        index = new ShareIndex(database);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    static Stream<Long> seeds() {
        long base = System.nanoTime();
        return Stream.of(base, base + 1, base + 2, base + 3, base + 4, base + 5);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void acceptsCorrectBlobsInAnyOrderAndBatchSizeAndRefusesOneOverlapWherever(long seed) throws SQLException {
        System.out.println("SegmentOverlapIT seed " + seed);
        Random random = new Random(seed);
        List<SegmentRecord> rows = new ArrayList<>();
        for (int blob = 0; blob < 20; blob++) {
            int size = 10 + random.nextInt(90);
            long blobSize = 1 + random.nextInt(size * 12);
            int count = (int) ((blobSize + size - 1) / size);
            for (int i = 0; i < count; i++) {
                long offset = (long) i * size;
                rows.add(segment(BlobKind.values()[blob % 2], blob, i, count, offset, Math.min(size, blobSize - offset)));
            }
        }
        if (random.nextBoolean()) {
            Collections.shuffle(rows, random);
        }
        int batch = 1 + random.nextInt(40);

        long good = index.createShare(IndexFixtures.newShare("good" + seed)).id();
        writeInBatches(good, rows, batch);
        assertThat(count(good)).isEqualTo(rows.size());

        // The same rows with one segment stretched over the start of the next one, anywhere.
        List<SegmentRecord> candidates = rows.stream()
                .filter(r -> r.segment().index() < r.segment().count() - 1).toList();
        if (candidates.isEmpty()) {
            return;
        }
        SegmentRecord victim = candidates.get(random.nextInt(candidates.size()));
        List<SegmentRecord> bad = new ArrayList<>(rows);
        Segment v = victim.segment();
        bad.set(bad.indexOf(victim), segment(v.kind(), v.blobIndex(), v.index(), v.count(), v.range().offset(),
                v.range().length() + 1));
        long broken = index.createShare(IndexFixtures.newShare("bad" + seed)).id();
        assertThatThrownBy(() -> writeInBatches(broken, bad, batch))
                .isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("overlaps its neighbour");
        assertThatThrownBy(() -> index.recordSegments(index.createShare(IndexFixtures.newShare("bad1" + seed)).id(), bad))
                .isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("overlaps its neighbour");
    }

    @Test
    void refusesASegmentOverlappingOneCommittedInAnEarlierBatch() throws SQLException {
        long id = index.createShare(IndexFixtures.newShare("across")).id();
        try (BatchedCopyWriter<SegmentRecord> writer = new ShareIndex(database.dataSource(),
                database.options().withCopyBatch(2, java.time.Duration.ofMinutes(1))).segmentWriter(id)) {
            writer.add(segment(BlobKind.FILE, 0, 0, 4, 0, 100));
            writer.add(segment(BlobKind.FILE, 0, 1, 4, 100, 100));
            assertThat(writer.committedRows()).isEqualTo(2);
            writer.add(segment(BlobKind.FILE, 0, 2, 4, 150, 100));
            assertThatThrownBy(() -> writer.add(segment(BlobKind.FILE, 0, 3, 4, 300, 100)))
                    .isInstanceOf(IndexException.StorageFailed.class)
                    .hasMessageContaining("segment 2 of blob 0/0 (version 1) overlaps its neighbour");
        }
        assertThat(count(id)).isEqualTo(2);
    }

    @Test
    void refusesASegmentOverlappingTheStoredOneAfterIt() throws SQLException {
        long id = index.createShare(IndexFixtures.newShare("after")).id();
        index.recordSegments(id, List.of(segment(BlobKind.PACK, 3, 1, 2, 100, 20)));
        assertThatThrownBy(() -> index.recordSegments(id, List.of(segment(BlobKind.PACK, 3, 0, 2, 0, 101))))
                .isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("overlaps its neighbour");
        index.recordSegments(id, List.of(segment(BlobKind.PACK, 3, 0, 2, 0, 100)));
        assertThat(count(id)).isEqualTo(2);
    }

    @Test
    void blobsOfAnotherVersionOrKindAreNotNeighbours() throws SQLException {
        long id = index.createShare(IndexFixtures.newShare("apart")).id();
        index.recordSegments(id, List.of(segment(BlobKind.FILE, 0, 0, 2, 0, 100),
                new SegmentRecord(2, new Segment(BlobKind.FILE, 0, 1, 2, new ByteRange(50, 100)), 1, 0),
                segment(BlobKind.PACK, 0, 1, 2, 10, 100)));
        assertThat(count(id)).isEqualTo(3);
    }

    private static void writeInBatches(long share, List<SegmentRecord> rows, int batch) {
        ShareIndex batched = new ShareIndex(database.dataSource(),
                database.options().withCopyBatch(batch, java.time.Duration.ofMinutes(1)));
        try (BatchedCopyWriter<SegmentRecord> writer = batched.segmentWriter(share)) {
            writer.addAll(rows);
        }
    }

    private static SegmentRecord segment(BlobKind kind, int blob, int index, int count, long offset, long length) {
        return new SegmentRecord(1, new Segment(kind, blob, index, count, new ByteRange(offset, length)), 1, 0);
    }

    private static long count(long share) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM segments_s" + share)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
