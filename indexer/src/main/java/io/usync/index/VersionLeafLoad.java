package io.usync.index;

import io.usync.core.Segment;
import io.usync.index.copy.CopyTarget;
import io.usync.index.copy.SingleCopy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.RandomAccess;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.LongPredicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a large {@code recordSegments} of one version on two server backends at once (schema V8):
 * the rows are split at a key near their median into two new tables, each created, copied
 * {@code FREEZE} (created in the same transaction), checked and keyed on its own connection, and
 * both are attached as leaves of the share's partitioned segments partition in one commit, so a
 * reader sees all of the version's rows or none. The second table commits before the first
 * attaches it; if anything fails or the process dies before that one commit, it is a table nobody
 * reads, dropped by the next such load of the share or with the share. Each half's range
 * {@code CHECK} matches its partition bound, so attaching scans nothing.
 * <p>
 * It declines (and the caller copies the ordinary way) a load smaller than {@link #MIN_ROWS}, of
 * more than one version, with a negative index (the ordinary COPY reports it), into a share created
 * before schema V8, when the share already holds rows of that version, or when anybody holds a lock
 * on the share's segments (never waiting: the caller may hold an open cursor on them). It also
 * declines after any failure, after undoing everything, so the ordinary COPY reports the real fault
 * (a duplicate key, an overlap) in the usual words. Thread-safe: each call uses its own connections.
 */
final class VersionLeafLoad {

    /** The smallest load worth two backends, two tables and their catalog work (measured: docs/index.md). */
    static final int MIN_ROWS = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(VersionLeafLoad.class);
    private static final int SAMPLES = 2048;
    private static final String COLUMNS = "version, blob_kind, blob_index, segment_index, segment_count,"
            + " range_offset, range_length, encoded_size, crc32";

    private final DataSource dataSource;

    VersionLeafLoad(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Loads {@code rows} into two new leaves and returns how many were stored, or empty if it declined. */
    OptionalLong load(long shareId, Collection<SegmentRecord> rows) {
        if (rows.size() < MIN_ROWS) {
            return OptionalLong.empty();
        }
        long t0 = System.nanoTime();
        Optional<Split> split = Split.of(rows);
        if (split.isEmpty()) {
            return OptionalLong.empty();
        }
        Leaves leaves = new Leaves(shareId, split.get());
        try (Connection a = dataSource.getConnection()) {
            if (!leaves.partitioned(a)) {
                return OptionalLong.empty();
            }
            a.setAutoCommit(false);
            FutureTask<Long> second = null;
            try {
                if (!leaves.prepare(a)) {
                    a.rollback();
                    return OptionalLong.empty();
                }
                long t1 = System.nanoTime();
                Half upper = leaves.half(false, rows);
                second = new FutureTask<>(() -> copySecond(upper));
                Thread.ofPlatform().name("usync-index-leaf-copy").daemon().start(second);
                Half lower = leaves.half(true, rows);
                long stored = lower.copy(a);
                long t2 = System.nanoTime();
                stored += second.get();
                long t3 = System.nanoTime();
                leaves.attach(a, lower, upper);
                a.commit();
                LOG.debug("share {}: {} rows in two leaves; ms: split and prepare {}, first half {}, then waiting for"
                        + " the second {}, attach and commit {}", shareId, stored, (t1 - t0) / 1_000_000,
                        (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
                return OptionalLong.of(stored);
            } catch (SQLException | RuntimeException | ExecutionException e) {
                LOG.debug("two-backend segment load of share {} declined after: {}", shareId, e.toString());
                rollbackQuietly(a);
                awaitAndDrop(a, second, leaves.name(false));
                return OptionalLong.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rollbackQuietly(a);
                awaitAndDrop(a, second, leaves.name(false));
                return OptionalLong.empty();
            } finally {
                a.setAutoCommit(true);
            }
        } catch (SQLException e) {
            return OptionalLong.empty();
        }
    }

    /** The upper half on a connection of its own, committed (a table nobody reads until it is attached). */
    private long copySecond(Half half) throws SQLException {
        try (Connection b = dataSource.getConnection()) {
            b.setAutoCommit(false);
            try {
                long stored = half.copy(b);
                b.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(b);
                throw e;
            } finally {
                b.setAutoCommit(true);
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.toString());
        }
    }

    /** Waits for the second copy to end, then drops its table if it was committed (it was never attached). */
    private static void awaitAndDrop(Connection a, FutureTask<Long> second, String table) {
        if (second == null) {
            return;
        }
        try {
            second.get();
        } catch (ExecutionException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            a.setAutoCommit(true);
            try (Statement s = a.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        } catch (SQLException e) {
            LOG.debug("left {} for the next load to drop: {}", table, e.toString());
        }
    }

    /** A row's place in the key order within one version: kind, blob index and segment index in 63 bits. */
    static long keyOf(SegmentRecord r) {
        Segment s = r.segment();
        return ((long) s.kind().ordinal() << 62) | ((long) s.blobIndex() << 31) | s.index();
    }

    /**
     * One version's rows and the key that splits them: the lower half holds the keys below it. When
     * the rows are a list in key order (as the uploader writes them), {@code at} is the index of
     * the first row of the upper half (each half is then a view of the list); otherwise -1.
     */
    record Split(int version, long key, int at) {

        /** The split of {@code rows}, or empty when they are not one version of valid keys. */
        static Optional<Split> of(Collection<SegmentRecord> rows) {
            int step = Math.max(1, rows.size() / SAMPLES);
            long[] samples = new long[rows.size() / step + 1];
            int n = 0;
            int i = 0;
            int version = -1;
            long previous = Long.MIN_VALUE;
            boolean ordered = rows instanceof List<?> && rows instanceof RandomAccess;
            for (SegmentRecord r : rows) {
                if (i == 0) {
                    version = r.version();
                } else if (r.version() != version) {
                    return Optional.empty();
                }
                if (r.segment().blobIndex() < 0 || r.segment().index() < 0) {
                    return Optional.empty();
                }
                long key = keyOf(r);
                ordered &= key >= previous;
                previous = key;
                if (i % step == 0 && n < samples.length) {
                    samples[n++] = key;
                }
                i++;
            }
            if (n == 0 || version == Integer.MAX_VALUE) {
                return Optional.empty();
            }
            if (ordered) {
                List<SegmentRecord> list = (List<SegmentRecord>) rows;
                int at = list.size() / 2;
                long key = keyOf(list.get(at));
                while (at > 0 && keyOf(list.get(at - 1)) == key) {
                    at--;
                }
                return Optional.of(new Split(version, key, at));
            }
            long[] sorted = Arrays.copyOf(samples, n);
            Arrays.sort(sorted);
            return Optional.of(new Split(version, sorted[n / 2], -1));
        }

        int kind() {
            return (int) (key >>> 62);
        }

        int blob() {
            return (int) ((key >>> 31) & Integer.MAX_VALUE);
        }

        int segment() {
            return (int) (key & Integer.MAX_VALUE);
        }
    }

    /** The two new leaves of one load: names, bounds and the checks that prove them. */
    private static final class Leaves {
        private final long shareId;
        private final Split split;
        private final String parent;
        private final String defaultLeaf;
        private String prefix;

        Leaves(long shareId, Split split) {
            this.shareId = shareId;
            this.split = split;
            this.parent = IndexCopyTargets.partitionedSegments(shareId);
            this.defaultLeaf = IndexCopyTargets.partition("segments", shareId);
        }

        /** Whether the share's segments partition is partitioned (created under schema V8 or later). */
        boolean partitioned(Connection c) throws SQLException {
            try (var ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                ps.setString(1, parent);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        }

        /**
         * First in the attaching transaction: takes the locks (without waiting), checks that the
         * version is new to the share, drops leaves a failed load left behind, names the new ones.
         */
        boolean prepare(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
                s.execute("SAVEPOINT usync_leaf_lock");
                try {
                    s.execute("LOCK TABLE " + parent + " IN SHARE UPDATE EXCLUSIVE MODE NOWAIT");
                    s.execute("LOCK TABLE " + defaultLeaf + " IN ACCESS EXCLUSIVE MODE NOWAIT");
                } catch (SQLException e) {
                    if (!"55P03".equals(e.getSQLState())) {
                        throw e;
                    }
                    return false;
                }
                s.execute("RELEASE SAVEPOINT usync_leaf_lock");
                try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + parent + " WHERE version = "
                        + split.version() + ")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return false;
                    }
                }
                List<String> orphans = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT c.oid::regclass::text FROM pg_class c WHERE c.relname LIKE"
                        + " 'segments\\_s" + shareId + "\\_v%' AND c.relkind = 'r' AND NOT c.relispartition")) {
                    while (rs.next()) {
                        orphans.add(rs.getString(1));
                    }
                }
                for (String orphan : orphans) {
                    s.execute("DROP TABLE " + orphan);
                }
                try (ResultSet rs = s.executeQuery("SELECT txid_current()")) {
                    rs.next();
                    prefix = "segments_s" + shareId + "_v" + split.version() + "_" + rs.getLong(1);
                }
                return true;
            }
        }

        String name(boolean lower) {
            return prefix + (lower ? "a" : "b");
        }

        Half half(boolean lower, Collection<SegmentRecord> rows) {
            if (split.at() >= 0) {
                List<SegmentRecord> list = (List<SegmentRecord>) rows;
                return new Half(this, lower, lower ? list.subList(0, split.at()) : list.subList(split.at(), list.size()));
            }
            long at = split.key();
            LongPredicate mine = lower ? k -> k < at : k -> k >= at;
            return new Half(this, lower, () -> rows.stream().filter(r -> mine.test(keyOf(r))).iterator());
        }

        /** The partition bound of a half, in the order of the key. */
        private String bound(boolean lower) {
            int v = split.version();
            String at = "(" + v + ", " + split.kind() + ", " + split.blob() + ", " + split.segment() + ")";
            return lower ? "FROM (" + v + ", MINVALUE, MINVALUE, MINVALUE) TO " + at
                    : "FROM " + at + " TO (" + (v + 1) + ", MINVALUE, MINVALUE, MINVALUE)";
        }

        /** A CHECK in the very form of the partition constraint PostgreSQL derives from the bound, so it proves it. */
        private String check(boolean lower) {
            int v = split.version();
            int k = split.kind();
            int b = split.blob();
            int i = split.segment();
            if (lower) {
                return "share_id = " + shareId + " AND version = " + v + " AND (blob_kind < " + k
                        + " OR (blob_kind = " + k + " AND blob_index < " + b + ") OR (blob_kind = " + k
                        + " AND blob_index = " + b + " AND segment_index < " + i + "))";
            }
            return "share_id = " + shareId + " AND (version > " + v + " OR (version = " + v + " AND blob_kind > " + k
                    + ") OR (version = " + v + " AND blob_kind = " + k + " AND blob_index > " + b + ") OR (version = "
                    + v + " AND blob_kind = " + k + " AND blob_index = " + b + " AND segment_index >= " + i
                    + ")) AND version < " + (v + 1);
        }

        /** Attaches both halves, drops their bound checks (the bounds hold them now), checks overlaps. */
        void attach(Connection c, Half lower, Half upper) throws SQLException {
            try (Statement s = c.createStatement()) {
                lower.attach(s);
                upper.attach(s);
            }
            lower.overlaps.verify(c);
            upper.overlaps.verify(c);
        }
    }

    /** One half of a load: its table, bound, check, rows and their overlap check. */
    private static final class Half {
        private final String parent;
        private final String table;
        private final String check;
        private final String bound;
        private final Iterable<SegmentRecord> rows;
        private final SegmentOverlapCheck overlaps;

        Half(Leaves leaves, boolean lower, Iterable<SegmentRecord> rows) {
            this.parent = leaves.parent;
            this.table = leaves.name(lower);
            this.check = leaves.check(lower);
            this.bound = leaves.bound(lower);
            this.rows = rows;
            this.overlaps = new SegmentOverlapCheck(leaves.shareId, "segments");
        }

        /** Creates the table on {@code c}'s transaction, copies the rows FREEZE and builds the key; no commit. */
        long copy(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL max_parallel_maintenance_workers = 0");
                s.execute("CREATE TABLE " + table + " (LIKE " + parent + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS,"
                        + " CONSTRAINT " + table + "_bound CHECK (" + check + "))");
            }
            CopyTarget<SegmentRecord> target = CopyTarget.of("COPY " + table + " (" + COLUMNS
                    + ") FROM STDIN (FORMAT binary, FREEZE)", (r, out) -> {
                        IndexCopyTargets.encodeSegment(r, out);
                        overlaps.accept(r);
                    }, false);
            overlaps.reset();
            long stored = SingleCopy.copy(c, target, rows);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE UNIQUE INDEX " + table + "_key ON " + table
                        + " (version, blob_kind, blob_index, segment_index)");
            }
            return stored;
        }

        /** Attaches the table under its bound and drops the bound's check (the partition constraint holds it now). */
        void attach(Statement s) throws SQLException {
            s.execute("ALTER TABLE " + parent + " ATTACH PARTITION " + table + " FOR VALUES " + bound);
            s.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + table + "_bound");
        }
    }
}
