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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CopyFailureIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perTest();

    @Test
    void aFailureMidStreamLeavesNoPartialRowsAndThePoolUsable() throws SQLException {
        // Pool of two: a connection leaked or left inside a COPY would exhaust it within the loop.
        try (IndexDatabase database = IndexFixtures.open(DB, 2, 200_000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("fail")).id();
            for (int round = 0; round < 6; round++) {
                BatchedCopyWriter<SegmentRecord> writer = index.segmentWriter(id);
                // Enough rows that several 256 KiB chunks reach the server before the bad one.
                for (SegmentRecord r : IndexFixtures.segments(1, 100, 500, 100)) {
                    writer.add(r);
                }
                writer.add(IndexFixtures.segments(1, 1, 1, 100).getFirst());
                assertThatThrownBy(writer::flush).isInstanceOf(IndexException.StorageFailed.class)
                        .hasMessageContaining("duplicate key").hasMessageContaining("discarded");
                assertThatThrownBy(() -> writer.add(IndexFixtures.segments(1, 1, 1, 100).getFirst()))
                        .isInstanceOf(IllegalStateException.class);
                writer.close();
                assertThat(count(database, "segments_s" + id)).isZero();
            }
            assertThat(index.recordSegments(id, IndexFixtures.segments(1, 10, 10, 100))).isEqualTo(100);
            assertThat(count(database, "segments_s" + id)).isEqualTo(100);
        }
    }

    @Test
    void aServerSideErrorDuringAnEarlyBatchKeepsTheCommittedBatches() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 2, 1000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("partial")).id();
            List<SegmentRecord> good = IndexFixtures.segments(1, 3, 1000, 100);
            SegmentRecord overlapping = new SegmentRecord(2,
                    new Segment(BlobKind.FILE, 0, 1, 3, new ByteRange(0, 100)), 1, 0);
            SegmentRecord first = new SegmentRecord(2, new Segment(BlobKind.FILE, 0, 0, 3, new ByteRange(0, 100)), 1, 0);
            try (BatchedCopyWriter<SegmentRecord> writer = index.segmentWriter(id)) {
                writer.addAll(good);
                writer.add(first);
                assertThatThrownBy(() -> {
                    writer.add(overlapping);
                    writer.flush();
                }).isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("overlaps");
                assertThat(writer.committedRows()).isEqualTo(3000);
            }
            assertThat(count(database, "segments_s" + id)).isEqualTo(3000);
        }
    }

    @Test
    void aOneShotRecordIsAllOrNothing() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 2, 1000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("atomic")).id();
            List<SegmentRecord> rows = new java.util.ArrayList<>(IndexFixtures.segments(1, 20, 1000, 100));
            rows.add(rows.get(12_345));
            assertThatThrownBy(() -> index.recordSegments(id, rows)).isInstanceOf(IndexException.StorageFailed.class)
                    .hasMessageContaining("duplicate key");
            assertThat(count(database, "segments_s" + id)).isZero();
        }
    }

    @Test
    void abortDiscardsTheOpenBatch() throws SQLException {
        try (IndexDatabase database = IndexFixtures.open(DB, 2, 1_000_000)) {
            ShareIndex index = new ShareIndex(database);
            long id = index.createShare(IndexFixtures.newShare("abort")).id();
            BatchedCopyWriter<SegmentRecord> writer = index.segmentWriter(id);
            writer.addAll(IndexFixtures.segments(1, 50, 200, 100));
            writer.abort();
            assertThat(count(database, "segments_s" + id)).isZero();
            assertThat(index.recordSegments(id, IndexFixtures.segments(1, 1, 5, 100))).isEqualTo(5);
        }
    }

    private static long count(IndexDatabase database, String table) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
