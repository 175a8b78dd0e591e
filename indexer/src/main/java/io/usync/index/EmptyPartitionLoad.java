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
 * Loads a partition that holds no rows yet (a new share's first segments) the cheap way: under an
 * exclusive lock the COPY's transaction truncates the partition (a new file, so the COPY may
 * FREEZE its rows and a server with {@code wal_level = minimal} writes no WAL for it, syncing the
 * file at commit instead), drops the partition's own indexes and builds them again after the COPY
 * (one sort instead of a b-tree insert per row; a unique index still refuses a duplicate, then for
 * the whole load). A partition found holding rows, or locked by anyone, gets an ordinary COPY.
 * Only for one-shot loads ({@code recordSegments}): a streaming writer would hold the lock while
 * its producer runs, and block that producer's own readers. One instance per COPY target; not thread-safe.
 */
final class EmptyPartitionLoad {

    /** The table's own indexes: not backing a constraint, not part of a partitioned index. */
    private static final String OWN_INDEXES = "SELECT x.indexrelid::regclass::text, pg_get_indexdef(x.indexrelid)"
            + " FROM pg_index x WHERE x.indrelid = ?::regclass"
            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = x.indexrelid) ORDER BY 1";

    private final String table;
    private boolean mayBeEmpty;
    private boolean active;
    private List<String> rebuild = List.of();

    private EmptyPartitionLoad(String table, boolean mayBeEmpty) {
        this.table = table;
        this.mayBeEmpty = mayBeEmpty;
    }

    /** A load of {@code table} that always takes the ordinary path (no lock, no truncation). */
    static EmptyPartitionLoad ordinary(String table) {
        return new EmptyPartitionLoad(table, false);
    }

    /**
     * A load of {@code table} that takes the cheap path if the table holds no rows when its
     * transaction begins; looks now (without a lock, in a statement of its own) whether it may.
     */
    static EmptyPartitionLoad probing(DataSource dataSource, String table) {
        try (var c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + table + ")")) {
            rs.next();
            return new EmptyPartitionLoad(table, rs.getBoolean(1));
        } catch (SQLException e) {
            // A probe that fails (say, a dropped share) decides nothing: the COPY reports the real fault.
            return ordinary(table);
        }
    }

    /** Whether the COPY of this transaction goes into the emptied partition (and may FREEZE). */
    boolean active() {
        return active;
    }

    /**
     * First in the COPY's transaction: if the partition may be empty and nobody holds a lock on
     * it, locks it, and when it holds no rows truncates it and drops its own indexes (remembered
     * for {@link #finish}).
     */
    void begin(Connection connection) throws SQLException {
        active = false;
        rebuild = List.of();
        if (!mayBeEmpty) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            if (!lockWithoutWaiting(s)) {
                return;
            }
            try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    mayBeEmpty = false;
                    return;
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
            s.execute("TRUNCATE " + table);
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
        rebuild = List.of();
        mayBeEmpty = false;
    }
}
