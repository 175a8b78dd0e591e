package io.usync.index;

import io.usync.core.BlobKind;
import io.usync.core.ByteRange;
import io.usync.core.Segment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The index's read queries: streaming cursors over the per-share partitions and small lookups. */
final class IndexReaders {

    private static final String SEGMENT_COLUMNS = "s.version, s.blob_kind, s.blob_index, s.segment_index,"
            + " s.segment_count, s.range_offset, s.range_length, s.encoded_size, s.crc32";
    private static final BlobKind[] KINDS = BlobKind.values();

    private final DataSource dataSource;
    private final int fetchSize;

    IndexReaders(DataSource dataSource, int fetchSize) {
        this.dataSource = dataSource;
        this.fetchSize = fetchSize;
    }

    RowCursor<SegmentRecord> segments(long shareId, int version) {
        String sql = "SELECT " + SEGMENT_COLUMNS + " FROM segments"
                + " s WHERE s.share_id = ? AND s.version = ? ORDER BY s.blob_kind, s.blob_index, s.segment_index";
        return RowCursor.open(dataSource, fetchSize, sql, ps -> {
            ps.setLong(1, shareId);
            ps.setInt(2, version);
        }, IndexReaders::segment);
    }

    RowCursor<FileRecord> files(long shareId, int version) {
        String sql = "SELECT file_index, path, size, mtime_ms, sha256, blob_version, blob_kind, blob_index,"
                + " pack_offset FROM " + IndexCopyTargets.partition("files", shareId)
                + " WHERE share_id = ? AND version = ? ORDER BY file_index";
        return RowCursor.open(dataSource, fetchSize, sql, ps -> {
            ps.setLong(1, shareId);
            ps.setInt(2, version);
        }, rs -> {
            byte[] sha = rs.getBytes(5);
            return new FileRecord(rs.getInt(1), PathBytes.decode(rs.getBytes(2)), rs.getLong(3), rs.getLong(4),
                    sha == null ? Optional.empty() : Optional.of(new Sha256(sha)),
                    new BlobLocation(rs.getInt(6), KINDS[rs.getShort(7)], rs.getInt(8), rs.getLong(9)));
        });
    }

    RowCursor<PendingSegment> pending(long shareId, int version) {
        // The latest attempt of each segment, in its current state (V6 marks applied); merge and hash joins only.
        String sql = "SELECT " + SEGMENT_COLUMNS + ", a.attempt, a.message_id, a.state::text, a.server"
                + " FROM segments s"
                + " LEFT JOIN (SELECT DISTINCT ON (blob_kind, blob_index, segment_index) blob_kind, blob_index,"
                + "   segment_index, attempt, message_id, state, server FROM " + ArticleStates.currentAttempts(shareId)
                + "   c WHERE version = ? ORDER BY blob_kind, blob_index, segment_index, attempt DESC) a"
                + "   ON a.blob_kind = s.blob_kind AND a.blob_index = s.blob_index AND a.segment_index = s.segment_index"
                + " WHERE s.share_id = ? AND s.version = ? AND a.state IS DISTINCT FROM 'verified'"
                + " ORDER BY s.blob_kind, s.blob_index, s.segment_index";
        return RowCursor.open(dataSource, fetchSize, sql, ps -> {
            ArticleStates.planForMarks(ps.getConnection());
            ps.setInt(1, version);
            ps.setLong(2, shareId);
            ps.setInt(3, version);
        }, rs -> {
            SegmentRecord segment = segment(rs);
            int attempt = rs.getInt(10);
            Optional<PendingSegment.Attempt> latest = rs.wasNull() ? Optional.empty()
                    : Optional.of(new PendingSegment.Attempt(attempt, rs.getString(11),
                            ArticleState.ofLabel(rs.getString(12)), rs.getString(13)));
            return new PendingSegment(segment, latest);
        });
    }

    RowCursor<VerifiedRetry> verifiedRetries(long shareId, int version) {
        String sql = "SELECT DISTINCT ON (blob_kind, blob_index, segment_index) blob_kind, blob_index, segment_index,"
                + " attempt FROM " + ArticleStates.currentAttempts(shareId) + " c"
                + " WHERE version = ? AND state = 'verified' AND attempt > 0"
                + " ORDER BY blob_kind, blob_index, segment_index, attempt DESC";
        return RowCursor.open(dataSource, fetchSize, sql, ps -> {
            ArticleStates.planForMarks(ps.getConnection());
            ps.setInt(1, version);
        }, rs -> new VerifiedRetry(KINDS[rs.getShort(1)], rs.getInt(2), rs.getInt(3), rs.getInt(4)));
    }

    private static SegmentRecord segment(ResultSet rs) throws SQLException {
        Segment s = new Segment(KINDS[rs.getShort(2)], rs.getInt(3), rs.getInt(4), rs.getInt(5),
                new ByteRange(rs.getLong(6), rs.getInt(7)));
        return new SegmentRecord(rs.getInt(1), s, rs.getInt(8), rs.getInt(9));
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    static Optional<ShareRecord> share(Connection c, String where, Binder binder) throws SQLException {
        List<ShareRecord> found = shares(c, " WHERE " + where, binder);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    static List<ShareRecord> shares(Connection c) throws SQLException {
        return shares(c, "", ps -> { });
    }

    private static List<ShareRecord> shares(Connection c, String where, Binder binder) throws SQLException {
        List<ShareRecord> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT share_id, kind, locator, public_key_material, label,"
                + " source_root, created_at, status FROM shares" + where + " ORDER BY share_id")) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new ShareRecord(rs.getLong(1), ShareMode.valueOf(rs.getString(2)), rs.getBytes(3),
                            rs.getBytes(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                            ShareStatus.valueOf(rs.getString(8))));
                }
            }
        }
        return list;
    }

    static Optional<Integer> latestVersion(Connection c, long shareId, boolean published) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT max(version) FROM versions WHERE share_id = ?"
                + (published ? " AND status = 'PUBLISHED'" : ""))) {
            ps.setLong(1, shareId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int v = rs.getInt(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(v);
            }
        }
    }

    static Map<ArticleState, Long> articleCounts(Connection c, long shareId, int version) throws SQLException {
        Map<ArticleState, Long> counts = new EnumMap<>(ArticleState.class);
        for (ArticleState s : ArticleState.values()) {
            counts.put(s, 0L);
        }
        try (PreparedStatement ps = ArticleStates.countByState(c, shareId, version)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(ArticleState.ofLabel(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return counts;
    }
}
