package io.usync.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.BlobKind;
import io.usync.core.ByteRange;
import io.usync.core.Segment;
import io.usync.index.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A large load of one version goes into two new leaves of the share's segments partition, copied on
 * two connections and attached in one commit ({@link VersionLeafLoad}): every row reads back in
 * order, a duplicate or an overlap fails the whole load as before and leaves no table behind, a
 * half that a crash left unattached is never read and is dropped by the next load or with the
 * share, and the version's later rows (smaller loads, streaming writers) go to its leaves.
 */
class VersionLeafLoadIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    private static final int BLOBS = VersionLeafLoad.MIN_ROWS / 100;

    @Test
    void aLargeLoadLandsInTwoLeavesAndReadsBackInOrder() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 4, 1000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("leaves")).id();
            List<SegmentRecord> v1 = IndexFixtures.segments(1, BLOBS, 100, 100);
            List<SegmentRecord> shuffled = new ArrayList<>(v1);
            long seed = System.nanoTime();
            System.out.println("VersionLeafLoadIT shuffle seed " + seed);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(index.recordSegments(id, shuffled)).isEqualTo(v1.size());
            assertThat(leaves(database, id)).isEqualTo(2);
            assertThat(count(database, "segments_s" + id)).as("nothing in the default leaf").isZero();
            List<SegmentRecord> v2 = IndexFixtures.segments(2, BLOBS, 100, 100);
            assertThat(index.recordSegments(id, v2)).isEqualTo(v2.size());
            assertThat(leaves(database, id)).isEqualTo(4);
            try (RowCursor<SegmentRecord> rows = index.streamSegments(id, 1)) {
                assertThat(rows.stream().toList()).isEqualTo(v1);
            }
            try (RowCursor<SegmentRecord> rows = index.streamSegments(id, 2)) {
                assertThat(rows.stream().toList()).isEqualTo(v2);
            }
            // A stored row again (small load, routed to its leaf) is a duplicate; a new small version is not.
            assertThatThrownBy(() -> index.recordSegments(id, List.of(v1.get(4242))))
                    .isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("duplicate key");
            assertThat(index.recordSegments(id, IndexFixtures.segments(3, 2, 10, 100))).isEqualTo(20);
            assertThat(count(database, "segments_s" + id)).isEqualTo(20);
            // A version with leaves takes no second pair: a large load of it again is an ordinary, failing COPY.
            assertThatThrownBy(() -> index.recordSegments(id, v2)).isInstanceOf(IndexException.StorageFailed.class)
                    .hasMessageContaining("duplicate key");
            assertThat(leaves(database, id)).isEqualTo(4);
            assertThat(count(database, "segments WHERE share_id = " + id)).isEqualTo(2L * v1.size() + 20);
            assertThat(unattached(database, id)).isZero();
        }
    }

    @Test
    void aDuplicateInALargeLoadFailsItWholeAndLeavesNoTable() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 4, 1000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("leaf-duplicate")).id();
            List<SegmentRecord> rows = new ArrayList<>(IndexFixtures.segments(1, BLOBS, 100, 100));
            rows.add(rows.get(rows.size() - 7));
            assertThatThrownBy(() -> index.recordSegments(id, rows)).isInstanceOf(IndexException.StorageFailed.class)
                    .hasMessageContaining("duplicate key");
            rows.set(rows.size() - 1, rows.get(3));
            assertThatThrownBy(() -> index.recordSegments(id, rows)).isInstanceOf(IndexException.StorageFailed.class)
                    .hasMessageContaining("duplicate key");
            assertThat(count(database, "segments WHERE share_id = " + id)).isZero();
            assertThat(leaves(database, id)).isZero();
            assertThat(unattached(database, id)).isZero();
            rows.removeLast();
            assertThat(index.recordSegments(id, rows)).isEqualTo(rows.size());
            assertThat(leaves(database, id)).isEqualTo(2);
        }
    }

    @Test
    void anOverlapInALargeLoadFailsItWholeAndLeavesNoTable() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 4, 1000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("leaf-overlap")).id();
            // One blob more, so the middle row (where a list in key order is split) is inside a blob.
            List<SegmentRecord> rows = new ArrayList<>(IndexFixtures.segments(1, BLOBS + 1, 100, 100));
            int half = rows.size() / 2;
            long seed = System.nanoTime();
            System.out.println("VersionLeafLoadIT overlap seed " + seed);
            Random random = new Random(seed);
            for (int at : new int[] {17, half - 2, half - 1, half, rows.size() - 3, -1}) {
                boolean shuffle = at < 0;
                int row = shuffle ? half - 1 : at;
                SegmentRecord r = rows.get(row);
                Segment s = r.segment();
                Segment wide = new Segment(BlobKind.FILE, s.blobIndex(), s.index(), s.count(),
                        new ByteRange(s.range().offset(), s.range().length() + 1));
                List<SegmentRecord> bad = new ArrayList<>(rows);
                bad.set(row, new SegmentRecord(r.version(), wide, r.encodedSize(), r.crc32()));
                if (shuffle) {
                    Collections.shuffle(bad, random);
                }
                assertThatThrownBy(() -> index.recordSegments(id, bad)).as("overlap at row " + row)
                        .isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("overlaps its neighbour");
            }
            assertThat(count(database, "segments WHERE share_id = " + id)).isZero();
            assertThat(leaves(database, id)).isZero();
            assertThat(unattached(database, id)).isZero();
        }
    }

    @Test
    void aHalfACrashLeftUnattachedIsNeverReadAndIsDroppedByTheNextLoadAndWithTheShare() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 4, 1000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("leaf-orphan")).id();
            // What a process that died between the second half's commit and the attaching commit leaves.
            String orphan = "segments_s" + id + "_v1_12345b";
            execute(database, "CREATE TABLE " + orphan + " (LIKE segments_p" + id + " INCLUDING DEFAULTS"
                    + " INCLUDING CONSTRAINTS)");
            execute(database, "INSERT INTO " + orphan + " (version, blob_kind, blob_index, segment_index,"
                    + " segment_count, range_offset, range_length, encoded_size, crc32) VALUES (1, 0, 0, 0, 1, 0, 1, 1, 0)");
            try (RowCursor<SegmentRecord> rows = index.streamSegments(id, 1)) {
                assertThat(rows.stream().toList()).isEmpty();
            }
            List<SegmentRecord> v1 = IndexFixtures.segments(1, BLOBS, 100, 100);
            assertThat(index.recordSegments(id, v1)).isEqualTo(v1.size());
            assertThat(unattached(database, id)).isZero();
            try (RowCursor<SegmentRecord> rows = index.streamSegments(id, 1)) {
                assertThat(rows.stream().toList()).isEqualTo(v1);
            }
            execute(database, "CREATE TABLE segments_s" + id + "_v2_777a (LIKE segments_p" + id + ")");
            assertThat(index.dropShare(id)).isTrue();
            assertThat(count(database, "pg_class WHERE relname IN ('segments_p" + id + "', 'segments_s" + id + "')"
                    + " OR relname LIKE 'segments\\_s" + id + "\\_%'")).isZero();
        }
    }

    @Test
    void aLargeLoadWhileTheShareIsReadTakesTheOrdinaryPath() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 4, 1000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("leaf-busy")).id();
            List<SegmentRecord> v1 = IndexFixtures.segments(1, BLOBS, 100, 100);
            try (RowCursor<SegmentRecord> open = index.streamSegments(id, 1)) {
                assertThat(open.iterator().hasNext()).isFalse();
                assertThat(index.recordSegments(id, v1)).isEqualTo(v1.size());
            }
            assertThat(leaves(database, id)).isZero();
            assertThat(count(database, "segments_s" + id)).isEqualTo(v1.size());
        }
    }

    private static long leaves(IndexDatabase database, long id) throws SQLException {
        return count(database, "pg_inherits WHERE inhparent = 'segments_p" + id + "'::regclass") - 1;
    }

    private static long unattached(IndexDatabase database, long id) throws SQLException {
        return count(database, "pg_class WHERE relname LIKE 'segments\\_s" + id + "\\_v%' AND relkind = 'r'"
                + " AND NOT relispartition");
    }

    private static long count(IndexDatabase database, String from) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(IndexDatabase database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
