package io.usync.index.migration;

import io.usync.index.IndexException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies pending migrations in version order, each in its own transaction, holding a session
 * advisory lock so two processes starting at once apply each script once.
 */
public final class MigrationRunner {

    /** The advisory lock key ("usync" in ASCII). */
    static final long LOCK_KEY = 0x7573796E63L;
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final DataSource dataSource;
    private final List<Migration> migrations;

    /** Runs {@code migrations} (sorted by version) against {@code dataSource}. */
    public MigrationRunner(DataSource dataSource, List<Migration> migrations) {
        this.dataSource = dataSource;
        this.migrations = List.copyOf(migrations);
    }

    /** The index's own migrations from {@code db/migration} on this module's class path. */
    public static List<Migration> bundled() {
        return MigrationSource.load(MigrationRunner.class.getClassLoader(), "db/migration");
    }

    /** Applies every pending migration; returns the schema version reached. */
    public int migrate() {
        return migrateTo(Integer.MAX_VALUE);
    }

    /** Applies pending migrations up to and including {@code target}; returns the version reached. */
    public int migrateTo(int target) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            }
            try {
                return applyPending(c, target);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
                }
            }
        } catch (SQLException e) {
            throw new IndexException.MigrationFailed("cannot migrate the index schema: " + e.getMessage()
                    + "; check that the index database is reachable and writable", e);
        }
    }

    private int applyPending(Connection c, int target) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS usync_schema_version ("
                    + " version integer PRIMARY KEY, description text NOT NULL, checksum text NOT NULL,"
                    + " applied_at timestamptz NOT NULL DEFAULT now(), execution_ms integer NOT NULL)");
        }
        Map<Integer, String> applied = applied(c);
        int newestKnown = migrations.isEmpty() ? 0 : migrations.getLast().version();
        int newestApplied = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (newestApplied > newestKnown) {
            throw new IndexException.MigrationFailed("the index has schema version " + newestApplied
                    + " but this usync knows only up to " + newestKnown + "; upgrade usync", null);
        }
        int reached = newestApplied;
        for (Migration m : migrations) {
            if (m.version() > target) {
                break;
            }
            String checksum = applied.get(m.version());
            if (checksum != null) {
                if (!checksum.equals(m.checksum())) {
                    throw new IndexException.MigrationFailed("index migration V" + m.version() + " (" + m.description()
                            + ") was changed after it was applied; restore the original script", null);
                }
                continue;
            }
            apply(c, m);
            reached = Math.max(reached, m.version());
        }
        return reached;
    }

    private static Map<Integer, String> applied(Connection c) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, checksum FROM usync_schema_version")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        return applied;
    }

    private static void apply(Connection c, Migration m) throws SQLException {
        long start = System.nanoTime();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(m.sql());
            try (PreparedStatement p = c.prepareStatement("INSERT INTO usync_schema_version"
                    + " (version, description, checksum, execution_ms) VALUES (?, ?, ?, ?)")) {
                p.setInt(1, m.version());
                p.setString(2, m.description());
                p.setString(3, m.checksum());
                p.setInt(4, (int) ((System.nanoTime() - start) / 1_000_000));
                p.executeUpdate();
            }
            c.commit();
            LOG.info("applied index migration V{} ({})", m.version(), m.description());
        } catch (SQLException e) {
            c.rollback();
            throw new IndexException.MigrationFailed("index migration V" + m.version() + " (" + m.description()
                    + ") failed: " + e.getMessage() + "; the index is unchanged by it", e);
        } finally {
            c.setAutoCommit(true);
        }
    }
}
