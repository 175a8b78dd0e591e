package io.usync.index;

import io.usync.core.Segment;
import io.usync.index.copy.BinaryCopyBuffer;
import io.usync.index.copy.CopyTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/** The binary COPY layouts of the per-share tables; rows go straight into the share's partition. */
final class IndexCopyTargets {

    private IndexCopyTargets() {
    }

    static String partition(String table, long shareId) {
        return table + "_s" + shareId;
    }

    /** The share's segments partition when it is itself partitioned into version leaves (schema V8). */
    static String partitionedSegments(long shareId) {
        return "segments_p" + shareId;
    }

    /**
     * Segments, checked for overlaps with their neighbours before each commit ({@link SegmentOverlapCheck});
     * a load of {@code rows} rows ({@code -1}: not known) at least as large as what the partition holds
     * goes through {@link DeferredKeyLoad} (key built after the rows; into an empty partition, FREEZE).
     * Once a share (schema V8) has leaves of its own versions ({@link VersionLeafLoad}), rows go
     * through its partitioned segments partition instead, which routes each to its leaf.
     */
    static CopyTarget<SegmentRecord> segments(long shareId, DataSource dataSource, long rows) {
        String table = partition("segments", shareId);
        if (hasVersionLeaves(dataSource, shareId)) {
            return segments(shareId, partitionedSegments(shareId), DeferredKeyLoad.ordinary(table));
        }
        return segments(shareId, table, DeferredKeyLoad.probing(dataSource, table, rows));
    }

    /** Segments through the ordinary COPY, for a streaming writer (which must not lock the partition). */
    static CopyTarget<SegmentRecord> segments(long shareId, DataSource dataSource) {
        String table = hasVersionLeaves(dataSource, shareId) ? partitionedSegments(shareId) : partition("segments", shareId);
        return segments(shareId, table, DeferredKeyLoad.ordinary(table));
    }

    /** The binary COPY row of a segment, without share_id (each segments partition defaults it, schema V7). */
    static void encodeSegment(SegmentRecord r, BinaryCopyBuffer out) {
        Segment s = r.segment();
        out.row(9).int4(r.version()).int2(s.kind().ordinal()).int4(s.blobIndex())
                .int4(s.index()).int4(s.count()).int8(s.range().offset()).int4((int) s.range().length())
                .int4(r.encodedSize()).int4(r.crc32());
    }

    /**
     * Whether the share's segments partition is partitioned (schema V8) and has a leaf besides its
     * default one (a version loaded by {@link VersionLeafLoad}); false when that cannot be read (the
     * COPY then reports the real fault).
     */
    private static boolean hasVersionLeaves(DataSource dataSource, long shareId) {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT count(*) > 1 FROM pg_inherits WHERE inhparent = to_regclass(?)")) {
            ps.setString(1, partitionedSegments(shareId));
            try (var rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private static CopyTarget<SegmentRecord> segments(long shareId, String table, DeferredKeyLoad load) {
        // share_id is left out: each segments partition defaults it to its own share (schema V7).
        String sql = "COPY " + table + " (version, blob_kind, blob_index,"
                + " segment_index, segment_count, range_offset, range_length, encoded_size, crc32)"
                + " FROM STDIN (FORMAT binary";
        SegmentOverlapCheck overlaps = new SegmentOverlapCheck(shareId, "segments");
        return new CopyTarget<>() {
            @Override
            public String copyStatement() {
                return sql + (load.active() ? ", FREEZE)" : ")");
            }

            @Override
            public void beforeCopy(Connection connection) throws SQLException {
                load.begin(connection);
            }

            @Override
            public void encode(SegmentRecord r, BinaryCopyBuffer out) {
                encodeSegment(r, out);
                overlaps.accept(r);
            }

            @Override
            public boolean durableCommit() {
                return false;
            }

            @Override
            public void beginCopy() {
                overlaps.reset();
            }

            @Override
            public void afterCopy(Connection connection) throws SQLException {
                load.finish(connection);
                overlaps.verify(connection);
            }
        };
    }

    /**
     * Files, folders and segments are intents: each is followed by a durable commit (the article
     * attempts, written before anything is posted; the version's publication) that flushes the WAL
     * before it, so their own commits need not wait for the disk.
     */
    static CopyTarget<FileRecord> files(long shareId, int version) {
        String sql = "COPY " + partition("files", shareId) + " (share_id, version, file_index, path, size, mtime_ms,"
                + " sha256, blob_version, blob_kind, blob_index, pack_offset) FROM STDIN (FORMAT binary)";
        return CopyTarget.of(sql, (f, out) -> {
            byte[] path = PathBytes.encode(f.path());
            out.row(11).int8(shareId).int4(version).int4(f.fileIndex()).bytea(path).int8(f.size())
                    .int8(f.mtimeMillis());
            if (f.sha256().isPresent()) {
                out.bytea(f.sha256().get().bytes());
            } else {
                out.nullField();
            }
            BlobLocation l = f.location();
            out.int4(l.blobVersion()).int2(l.kind().ordinal()).int4(l.blobIndex()).int8(l.packOffset());
        }, false);
    }

    static CopyTarget<String> folders(long shareId, int version) {
        String sql = "COPY " + partition("folders", shareId) + " (share_id, version, path) FROM STDIN (FORMAT binary)";
        return CopyTarget.of(sql, (path, out) -> {
            byte[] bytes = PathBytes.encode(path);
            out.row(3).int8(shareId).int4(version).bytea(bytes);
        }, false);
    }

    static CopyTarget<ArticleRecord> articles(long shareId) {
        String sql = "COPY " + partition("articles", shareId) + " (share_id, version, blob_kind, blob_index,"
                + " segment_index, attempt, message_id, server, state, planned_at, updated_at)"
                + " FROM STDIN (FORMAT binary)";
        return CopyTarget.of(sql, (a, out) -> {
            Instant now = Instant.now();
            out.row(11).int8(shareId).int4(a.version()).int2(a.kind().ordinal()).int4(a.blobIndex())
                    .int4(a.segmentIndex()).int4(a.attempt()).text(a.messageId()).text(a.server())
                    .text(a.state().label()).timestamptz(now).timestamptz(now);
        });
    }

    /**
     * Marks, appended to the share's {@code article_marks} partition under one batch number (schema
     * V6). They commit without waiting for their WAL flush: a mark lost in a crash leaves the attempt
     * in its earlier state, so the upload checks it again; any later durable commit flushes it.
     */
    static CopyTarget<ArticleMark> marks(long shareId, long batch) {
        String sql = "COPY " + partition("article_marks", shareId) + " (share_id, batch, at, state, message_id,"
                + " server, response) FROM STDIN (FORMAT binary)";
        return CopyTarget.of(sql, (m, out) -> {
            String response = m.response().indexOf('\0') >= 0 ? m.response().replace('\0', ' ') : m.response();
            out.row(7).int8(shareId).int8(batch).timestamptz(m.at()).text(m.state().label()).text(m.messageId())
                    .text(m.server()).text(response);
        }, false);
    }
}
