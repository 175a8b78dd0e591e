package io.usync.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.index.copy.BatchedCopyWriter;
import io.usync.index.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A new share's first segments go into its empty partition with the key built after the rows
 * ({@link DeferredKeyLoad}), and so does a later load at least as large as the partition; rows
 * already stored are never truncated, the key is back and refuses duplicates afterwards (also
 * between a rebuilding load and stored rows), a smaller load, a partition someone holds open or a
 * streaming writer gets an ordinary COPY, and writers racing for an empty partition all keep their rows.
 */
class EmptyPartitionLoadIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @Test
    void theFirstLoadRebuildsTheKeyAndALaterLoadKeepsEveryEarlierRow() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 4, 1000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("first-load")).id();
            long before = relfilenode(database, id);
            assertThat(index.recordSegments(id, IndexFixtures.segments(1, 20, 100, 100))).isEqualTo(2000);
            long afterFirst = relfilenode(database, id);
            assertThat(afterFirst).as("the first load truncated the empty partition").isNotEqualTo(before);
            assertThat(validKeys(database, id)).isEqualTo(1);
            assertThat(index.recordSegments(id, IndexFixtures.segments(2, 20, 100, 100))).isEqualTo(2000);
            assertThat(relfilenode(database, id)).as("a partition holding rows is never truncated")
                    .isEqualTo(afterFirst);
            assertThat(count(database, id)).isEqualTo(4000);
            assertThatThrownBy(() -> index.recordSegments(id, IndexFixtures.segments(1, 1, 1, 100)))
                    .isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("duplicate key");
        }
    }

    @Test
    void aLaterLoadAsLargeAsThePartitionRebuildsTheKeyAndASmallerOneKeepsIt() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 4, 1000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("rebuild-later")).id();
            index.recordSegments(id, IndexFixtures.segments(1, 10, 100, 100));
            long heap = relfilenode(database, id);
            long key = keyOid(database, id);
            assertThat(index.recordSegments(id, IndexFixtures.segments(2, 10, 100, 100))).isEqualTo(1000);
            long rebuilt = keyOid(database, id);
            assertThat(rebuilt).as("a load as large as the partition builds the key again").isNotEqualTo(key);
            assertThat(relfilenode(database, id)).as("and never truncates").isEqualTo(heap);
            assertThat(index.recordSegments(id, IndexFixtures.segments(3, 5, 100, 100))).isEqualTo(500);
            assertThat(keyOid(database, id)).as("a smaller load keeps the key").isEqualTo(rebuilt);
            assertThat(count(database, id)).isEqualTo(2500);
            assertThat(validKeys(database, id)).isEqualTo(1);
            try (RowCursor<SegmentRecord> v2 = index.streamSegments(id, 2)) {
                assertThat(v2.stream().toList()).isEqualTo(IndexFixtures.segments(2, 10, 100, 100));
            }
        }
    }

    @Test
    void aRebuildingLoadThatRepeatsAStoredRowFailsAsADuplicateKeyAndChangesNothing() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 4, 1000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("rebuild-dup")).id();
            index.recordSegments(id, IndexFixtures.segments(1, 2, 50, 100));
            long key = keyOid(database, id);
            List<SegmentRecord> rows = new java.util.ArrayList<>(IndexFixtures.segments(2, 2, 50, 100));
            rows.set(70, IndexFixtures.segments(1, 2, 50, 100).get(70));
            assertThatThrownBy(() -> index.recordSegments(id, rows)).isInstanceOf(IndexException.StorageFailed.class)
                    .hasMessageContaining("duplicate key");
            assertThat(count(database, id)).isEqualTo(100);
            assertThat(keyOid(database, id)).isEqualTo(key);
            assertThat(validKeys(database, id)).isEqualTo(1);
        }
    }

    @Test
    void aDuplicateInTheFirstLoadFailsAsADuplicateKeyAndLeavesThePartitionEmptyWithItsKey() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 4, 1000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("dup-first")).id();
            List<SegmentRecord> rows = new java.util.ArrayList<>(IndexFixtures.segments(1, 3, 10, 100));
            rows.add(rows.get(7));
            assertThatThrownBy(() -> index.recordSegments(id, rows)).isInstanceOf(IndexException.StorageFailed.class)
                    .hasMessageContaining("duplicate key").hasMessageContaining("(1, 0, 0, 7)");
            assertThat(count(database, id)).isZero();
            assertThat(validKeys(database, id)).isEqualTo(1);
            assertThat(index.recordSegments(id, IndexFixtures.segments(1, 3, 10, 100))).isEqualTo(30);
        }
    }

    @Test
    void aStreamingWriterAlwaysCopiesTheOrdinaryWay() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 4, 1000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("writer-batches")).id();
            long before = relfilenode(database, id);
            try (BatchedCopyWriter<SegmentRecord> writer = index.segmentWriter(id)) {
                writer.addAll(IndexFixtures.segments(1, 5, 1000, 100));
                assertThat(writer.committedRows()).isEqualTo(5000);
            }
            assertThat(relfilenode(database, id)).isEqualTo(before);
            assertThat(count(database, id)).isEqualTo(5000);
            assertThat(validKeys(database, id)).isEqualTo(1);
        }
    }

    @Test
    void anEmptyPartitionSomeoneReadsIsLoadedWithoutWaitingForTheReader() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 4, 1000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("read-while-load")).id();
            long before = relfilenode(database, id);
            // The same thread holds a cursor open on the partition: waiting for its lock would never end.
            try (RowCursor<SegmentRecord> open = index.streamSegments(id, 1)) {
                assertThat(open.iterator().hasNext()).isFalse();
                assertThat(index.recordSegments(id, IndexFixtures.segments(1, 2, 100, 100))).isEqualTo(200);
            }
            assertThat(relfilenode(database, id)).isEqualTo(before);
            assertThat(count(database, id)).isEqualTo(200);
        }
    }

    @Test
    void writersRacingForAnEmptyPartitionAllKeepTheirRows() throws Exception {
        try (IndexDatabase database = IndexFixtures.open(DB, 6, 100_000);
                ExecutorService threads = Executors.newFixedThreadPool(3)) {
            ShareIndex index = new ShareIndex(database);
            for (int round = 0; round < 3; round++) {
                long id = index.createShare(IndexFixtures.newShare("race-" + round)).id();
                CyclicBarrier start = new CyclicBarrier(3);
                List<CompletableFuture<Long>> writers = new java.util.ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    int version = w + 1;
                    writers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return index.recordSegments(id, IndexFixtures.segments(version, 10, 300, 100));
                    }, threads));
                }
                for (CompletableFuture<Long> w : writers) {
                    assertThat(w.get(60, TimeUnit.SECONDS)).isEqualTo(3000);
                }
                assertThat(count(database, id)).isEqualTo(9000);
                assertThat(validKeys(database, id)).isEqualTo(1);
            }
        }
    }

    private static long relfilenode(IndexDatabase database, long id) throws SQLException {
        return single(database, "SELECT relfilenode FROM pg_class WHERE oid = 'segments_s" + id + "'::regclass");
    }

    private static long keyOid(IndexDatabase database, long id) throws SQLException {
        return single(database, "SELECT indexrelid::bigint FROM pg_index WHERE indrelid = 'segments_s" + id + "'::regclass");
    }

    private static long validKeys(IndexDatabase database, long id) throws SQLException {
        return single(database, "SELECT count(*) FROM pg_index WHERE indrelid = 'segments_s" + id + "'::regclass"
                + " AND indisunique AND indisvalid");
    }

    private static long count(IndexDatabase database, long id) throws SQLException {
        return single(database, "SELECT count(*) FROM segments_s" + id);
    }

    private static long single(IndexDatabase database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
