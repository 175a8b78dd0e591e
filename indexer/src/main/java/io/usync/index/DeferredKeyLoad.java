package io.usync.index;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;

/**
 * Loads a partition with its key built after the rows (one sort instead of a b-tree insert and a
 * WAL record per row) when the load is at least as large as what the partition holds: a new
 * share's first segments, or a later version as large as everything before it. Under an exclusive
 * lock the COPY's transaction drops the partition's own indexes and builds them again after the
 * COPY; a unique index still refuses a duplicate (among the new rows or against a stored one), then
 * for the whole load. A partition that holds no rows is also truncated first (a new file, so the
 * COPY may FREEZE its rows and a server with {@code wal_level = minimal} writes no WAL for it).
 * A partition holding more rows than the load, or locked by anyone, gets an ordinary COPY. Only
 * for one-shot loads ({@code recordSegments}): a streaming writer would hold the lock while its
 * producer runs, and block that producer's own readers. One instance per COPY target; not thread-safe.
 */
final class DeferredKeyLoad {

    /** The table's own indexes: not backing a constraint, not part of a partitioned index. */
    private static final String OWN_INDEXES = "SELECT x.indexrelid::regclass::text, pg_get_indexdef(x.indexrelid)"
            + " FROM pg_index x WHERE x.indrelid = ?::regclass"
            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = x.indexrelid) ORDER BY 1";

    /** How a load goes, decided before its transaction and confirmed under the lock. */
    private enum Mode {
        /** Key maintained row by row, no lock taken. */
        ORDINARY,
        /** Empty partition: truncated, rows copied FREEZE, key built after. */
        EMPTY,
        /** Partition holding at most as many rows as the load: key built after. */
        REBUILD
    }

    private final String table;
    private Mode mode;
    private boolean active;
    private boolean truncated;
    private List<String> rebuild = List.of();

    private DeferredKeyLoad(String table, Mode mode) {
        this.table = table;
        this.mode = mode;
    }

    /** A load of {@code table} that always takes the ordinary path (no lock, no truncation). */
    static DeferredKeyLoad ordinary(String table) {
        return new DeferredKeyLoad(table, Mode.ORDINARY);
    }

    /**
     * A load of {@code rows} rows ({@code -1} when not known) into {@code table} that builds the key
     * after the rows if the table holds no more rows than that when its transaction begins (only if
     * it is empty, for an unknown count); counts now, without a lock, in a statement of its own, at
     * most {@code rows + 1} rows.
     */
    static DeferredKeyLoad probing(DataSource dataSource, String table, long rows) {
        long limit = rows < 0 ? 1 : rows + 1;
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM " + table + " LIMIT ?) s")) {
            ps.setLong(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long stored = rs.getLong(1);
                Mode mode = stored == 0 ? Mode.EMPTY : rows >= 0 && stored <= rows ? Mode.REBUILD : Mode.ORDINARY;
                return new DeferredKeyLoad(table, mode);
            }
        } catch (SQLException e) {
            // A probe that fails (say, a dropped share) decides nothing: the COPY reports the real fault.
            return ordinary(table);
        }
    }

    /** Whether the COPY of this transaction goes into the freshly truncated partition (and may FREEZE). */
    boolean active() {
        return active && truncated;
    }

    /**
     * First in the COPY's transaction: unless the load is ordinary, and if nobody holds a lock on
     * the partition, locks it, truncates it when it holds no rows (an empty load found rows: ordinary
     * after all), and drops its own indexes (remembered for {@link #finish}).
     */
    void begin(Connection connection) throws SQLException {
        active = false;
        truncated = false;
        rebuild = List.of();
        if (mode == Mode.ORDINARY) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            if (!lockWithoutWaiting(s)) {
                return;
            }
            if (mode == Mode.EMPTY) {
                try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        mode = Mode.ORDINARY;
                        return;
                    }
                }
            }
            List<String> names = new ArrayList<>();
            List<String> definitions = new ArrayList<>();
            try (var ps = connection.prepareStatement(OWN_INDEXES)) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                        definitions.add(rs.getString(2));
                    }
                }
            }
            if (mode == Mode.EMPTY) {
                s.execute("TRUNCATE " + table);
                truncated = true;
            }
            for (String name : names) {
                s.execute("DROP INDEX " + name);
            }
            rebuild = List.copyOf(definitions);
            active = true;
        }
    }

    /**
     * Takes the exclusive lock only if nobody holds any lock on the table (a reader, another
     * writer): waiting could wait on the caller itself (a cursor it holds open on another
     * connection), so a busy table gets an ordinary COPY instead. The lock is taken before any
     * snapshot, so the emptiness check after it sees every committed row.
     */
    private boolean lockWithoutWaiting(Statement s) throws SQLException {
        s.execute("SAVEPOINT usync_empty_partition_lock");
        try {
            s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE NOWAIT");
        } catch (SQLException e) {
            if (!"55P03".equals(e.getSQLState())) {
                throw e;
            }
            s.execute("ROLLBACK TO SAVEPOINT usync_empty_partition_lock");
            s.execute("RELEASE SAVEPOINT usync_empty_partition_lock");
            return false;
        }
        s.execute("RELEASE SAVEPOINT usync_empty_partition_lock");
        return true;
    }

    /** After the COPY, before the commit: builds the dropped indexes; a duplicate fails as a duplicate key. */
    void finish(Connection connection) throws SQLException {
        if (!active) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            for (String definition : rebuild) {
                s.execute(definition);
            }
        } catch (PSQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            String detail = e.getServerErrorMessage() == null || e.getServerErrorMessage().getDetail() == null
                    ? "" : ": " + e.getServerErrorMessage().getDetail();
            throw new SQLException("duplicate key in " + table + detail, "23505", e);
        }
        active = false;
        truncated = false;
        rebuild = List.of();
        mode = Mode.ORDINARY;
    }
}
