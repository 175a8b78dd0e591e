package io.usync.index;

import io.usync.core.Segment;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the segments of one COPY from overlapping their neighbours (segment {@code i} must end
 * where or before segment {@code i + 1} begins), without a database trigger: consecutive rows of a
 * blob are compared as they are encoded, and only the ends of each run of consecutive segments are
 * looked up among the stored rows, in one query after the COPY and before its commit. Rows copied
 * in blob order (as the uploader writes them) cost no lookup at all unless a blob spans batches.
 * One instance per COPY target; not thread-safe.
 */
final class SegmentOverlapCheck {

    private static final String PROBE = "SELECT p.v, p.k, p.b, p.i FROM unnest(?::int4[], ?::int4[], ?::int4[],"
            + " ?::int4[], ?::int4[], ?::int8[], ?::int8[]) AS p(v, k, b, i, dir, first, fin)"
            + " WHERE EXISTS (SELECT 1 FROM %s s WHERE s.share_id = ? AND s.version = p.v AND s.blob_kind = p.k"
            + "   AND s.blob_index = p.b AND s.segment_index = p.i + p.dir"
            + "   AND CASE WHEN p.dir > 0 THEN s.range_offset < p.fin ELSE s.range_offset + s.range_length > p.first END)"
            + " LIMIT 1";

    private final long shareId;
    private final String table;
    private final List<Probe> probes = new ArrayList<>();
    private SegmentRecord previous;
    private Optional<String> overlap = Optional.empty();

    /** A check of rows of {@code shareId} copied into {@code table}, which holds them (or one of its ancestors). */
    SegmentOverlapCheck(long shareId, String table) {
        this.shareId = shareId;
        this.table = table;
    }

    /** Forgets every row seen (a new COPY begins). */
    void reset() {
        probes.clear();
        previous = null;
        overlap = Optional.empty();
    }

    /** Takes the next row of the COPY in the order it is sent. */
    void accept(SegmentRecord row) {
        Segment s = row.segment();
        if (previous != null && sameBlob(previous, row) && previous.segment().index() + 1 == s.index()) {
            if (end(previous) > s.range().offset() && overlap.isEmpty()) {
                overlap = Optional.of(describe(row));
            }
        } else {
            endRun();
            if (s.index() > 0) {
                probes.add(new Probe(row, -1));
            }
        }
        previous = row;
    }

    /** Fails (before the commit) when a row overlaps a neighbour in the COPY or already stored. */
    void verify(Connection connection) throws SQLException {
        endRun();
        previous = null;
        if (overlap.isEmpty() && !probes.isEmpty()) {
            overlap = storedOverlap(connection);
        }
        probes.clear();
        if (overlap.isPresent()) {
            throw new IndexException.StorageFailed("index refused the segments: " + overlap.get()
                    + " overlaps its neighbour (a bug in whatever cut the blob; nothing of this batch was stored)", null);
        }
    }

    private void endRun() {
        if (previous != null && previous.segment().index() < previous.segment().count() - 1) {
            probes.add(new Probe(previous, 1));
        }
    }

    private Optional<String> storedOverlap(Connection connection) throws SQLException {
        int n = probes.size();
        Integer[] versions = new Integer[n];
        Integer[] kinds = new Integer[n];
        Integer[] blobs = new Integer[n];
        Integer[] indexes = new Integer[n];
        Integer[] directions = new Integer[n];
        Long[] firsts = new Long[n];
        Long[] ends = new Long[n];
        for (int i = 0; i < n; i++) {
            Probe p = probes.get(i);
            Segment s = p.row().segment();
            versions[i] = p.row().version();
            kinds[i] = s.kind().ordinal();
            blobs[i] = s.blobIndex();
            indexes[i] = s.index();
            directions[i] = p.direction();
            firsts[i] = s.range().offset();
            ends[i] = end(p.row());
        }
        try (PreparedStatement ps = connection.prepareStatement(PROBE.formatted(table))) {
            List<Array> arrays = List.of(connection.createArrayOf("int4", versions),
                    connection.createArrayOf("int4", kinds), connection.createArrayOf("int4", blobs),
                    connection.createArrayOf("int4", indexes), connection.createArrayOf("int4", directions),
                    connection.createArrayOf("int8", firsts), connection.createArrayOf("int8", ends));
            for (int i = 0; i < arrays.size(); i++) {
                ps.setArray(i + 1, arrays.get(i));
            }
            ps.setLong(arrays.size() + 1, shareId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of("segment " + rs.getInt(4) + " of blob " + rs.getInt(2) + "/" + rs.getInt(3)
                        + " (version " + rs.getInt(1) + ")");
            }
        }
    }

    private static boolean sameBlob(SegmentRecord a, SegmentRecord b) {
        return a.version() == b.version() && a.segment().kind() == b.segment().kind()
                && a.segment().blobIndex() == b.segment().blobIndex();
    }

    private static long end(SegmentRecord r) {
        return r.segment().range().offset() + r.segment().range().length();
    }

    private static String describe(SegmentRecord r) {
        Segment s = r.segment();
        return "segment " + s.index() + " of blob " + s.kind().ordinal() + "/" + s.blobIndex()
                + " (version " + r.version() + ")";
    }

    /** A stored neighbour to compare with: the segment before ({@code -1}) or after ({@code +1}) {@code row}. */
    private record Probe(SegmentRecord row, int direction) {
    }
}
