package io.usync.index.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.index.IndexException;
import io.usync.index.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationRunnerIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perTest();

    static List<Integer> earlierVersions() {
        List<Migration> all = MigrationRunner.bundled();
        return all.subList(0, all.size() - 1).stream().map(Migration::version).toList();
    }

    @Test
    void migratesAnEmptyDatabaseToTheNewestVersion() throws SQLException {
        List<Migration> all = MigrationRunner.bundled();
        int reached = new MigrationRunner(DB.dataSource(), all).migrate();
        assertThat(reached).isEqualTo(all.getLast().version());
        assertThat(query("SELECT count(*) FROM usync_schema_version")).isEqualTo(all.size());
        assertThat(query("SELECT count(*) FROM pg_class WHERE relname IN ('shares', 'segments', 'articles')"))
                .isEqualTo(3);
    }

    @Test
    void secondRunChangesNothing() throws SQLException {
        MigrationRunner runner = new MigrationRunner(DB.dataSource(), MigrationRunner.bundled());
        runner.migrate();
        long applied = query("SELECT count(*) FROM usync_schema_version");
        runner.migrate();
        assertThat(query("SELECT count(*) FROM usync_schema_version")).isEqualTo(applied);
    }

    @ParameterizedTest(name = "from V{0}")
    @MethodSource("earlierVersions")
    void upgradesAnIndexCreatedByAnOlderVersionKeepingItsShares(int from) throws SQLException {
        DataSource ds = DB.dataSource();
        List<Migration> all = MigrationRunner.bundled();
        assertThat(new MigrationRunner(ds, all).migrateTo(from)).isEqualTo(from);
        execute("INSERT INTO shares (kind, locator, source_root) VALUES ('PUBLIC', '\\x01'::bytea, '/old')");
        execute("SELECT usync_attach_share(share_id) FROM shares");
        execute("INSERT INTO versions (share_id, version) SELECT share_id, 1 FROM shares");
        execute("INSERT INTO files (share_id, version, file_index, path, size, mtime_ms, blob_version, blob_kind,"
                + " blob_index) SELECT share_id, 1, 0, '\\x61'::bytea, 1, 1, 1, 0, 0 FROM shares");
        if (from >= 2) {
            // Segments as every earlier layout holds them (named columns: V7 reorders them).
            execute("INSERT INTO segments (share_id, version, blob_kind, blob_index, segment_index, segment_count,"
                    + " range_offset, range_length, encoded_size, crc32) SELECT share_id, 1, i % 2, i / 10, i % 10, 10,"
                    + " (i % 10) * 100, 100, 130, i FROM shares, generate_series(0, 199) i");
        }

        assertThat(new MigrationRunner(ds, all).migrate()).isEqualTo(all.getLast().version());

        assertThat(query("SELECT count(*) FROM files")).isEqualTo(1);
        long share = query("SELECT share_id FROM shares");
        for (String table : List.of("folders", "files", "segments", "articles", "article_marks")) {
            assertThat(query("SELECT count(*) FROM pg_class WHERE relname = '" + table + "_s" + share + "'"))
                    .as(table + " partition").isEqualTo(1);
        }
        // V5: no overlap trigger left anywhere, and the old share's segments partition has the new key.
        assertThat(query("SELECT count(*) FROM pg_trigger WHERE tgname = 'segments_no_overlap'")).isZero();
        assertThat(query("SELECT count(*) FROM pg_indexes WHERE indexname = 'segments_s" + share + "_key'"))
                .isEqualTo(1);
        // V7: the rows came along unchanged, into the narrower layout with one CHECK and share_id defaulted.
        long expected = from >= 2 ? 200 : 0;
        assertThat(query("SELECT count(*) FROM segments_s" + share + " s WHERE s.version = 1"
                + " AND s.blob_kind = s.crc32 % 2 AND s.blob_index = s.crc32 / 10 AND s.segment_index = s.crc32 % 10"
                + " AND s.segment_count = 10 AND s.range_offset = (s.crc32 % 10) * 100 AND s.range_length = 100"
                + " AND s.encoded_size = 130")).isEqualTo(expected);
        assertThat(query("SELECT count(*) FROM pg_attribute WHERE attrelid = 'segments'::regclass AND attnum = 2"
                + " AND attname = 'range_offset'")).isEqualTo(1);
        assertThat(query("SELECT count(*) FROM pg_constraint WHERE conrelid = 'segments_s" + share + "'::regclass"
                + " AND contype = 'c'")).isEqualTo(1);
        execute("INSERT INTO segments_s" + share + " (version, blob_kind, blob_index, segment_index, segment_count,"
                + " range_offset, range_length, encoded_size, crc32) VALUES (2, 0, 0, 0, 1, 0, 10, 12, 0)");
        assertThat(query("SELECT count(*) FROM segments WHERE share_id = " + share + " AND version = 2")).isEqualTo(1);
        assertThatThrownBy(() -> execute("INSERT INTO segments (share_id, version, blob_kind, blob_index,"
                + " segment_index, segment_count, range_offset, range_length, encoded_size, crc32)"
                + " VALUES (" + share + ", 2, 0, 0, 0, 1, 0, 10, 12, 0)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> execute("INSERT INTO segments (share_id, version, blob_kind, blob_index,"
                + " segment_index, segment_count, range_offset, range_length, encoded_size, crc32)"
                + " VALUES (" + share + ", 2, 2, 0, 0, 1, 0, 10, 12, 0)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("segments_valid");
        // V8: the old share keeps its plain partition; a share created now gets a partitioned one
        // (a default leaf of the old name, leaves per version later), and dropping it leaves nothing.
        assertThat(query("SELECT count(*) FROM pg_class WHERE relname = 'segments_s" + share + "' AND relkind = 'r'"
                + " AND to_regclass('segments_p" + share + "') IS NULL")).isEqualTo(1);
        execute("INSERT INTO shares (kind, locator, source_root) VALUES ('PUBLIC', '\\x02'::bytea, '/new')");
        long fresh = query("SELECT max(share_id) FROM shares");
        execute("SELECT usync_attach_share(" + fresh + ")");
        execute("SELECT usync_attach_share(" + fresh + ")");
        assertThat(query("SELECT count(*) FROM pg_inherits WHERE inhparent = 'segments_p" + fresh + "'::regclass"
                + " AND inhrelid = 'segments_s" + fresh + "'::regclass")).isEqualTo(1);
        execute("INSERT INTO segments (share_id, version, blob_kind, blob_index, segment_index, segment_count,"
                + " range_offset, range_length, encoded_size, crc32) VALUES (" + fresh + ", 1, 0, 0, 0, 1, 0, 10, 12, 0)");
        assertThat(query("SELECT count(*) FROM segments_s" + fresh)).isEqualTo(1);
        execute("SELECT usync_drop_share(" + fresh + ")");
        assertThat(query("SELECT count(*) FROM pg_class WHERE relname IN ('segments_p" + fresh + "', 'segments_s"
                + fresh + "', 'segments_s" + fresh + "_key')")).isZero();
        execute("SELECT usync_drop_share(" + share + ")");
        assertThat(query("SELECT count(*) FROM shares")).isZero();
    }

    @Test
    void refusesAScriptChangedAfterItWasApplied() {
        List<Migration> all = MigrationRunner.bundled();
        new MigrationRunner(DB.dataSource(), all).migrate();
        List<Migration> edited = new ArrayList<>(all);
        Migration first = edited.getFirst();
        edited.set(0, new Migration(first.version(), first.description(), first.sql() + "\n-- edited\n"));
        assertThatThrownBy(() -> new MigrationRunner(DB.dataSource(), edited).migrate())
                .isInstanceOf(IndexException.MigrationFailed.class).hasMessageContaining("changed after it was applied");
    }

    @Test
    void refusesAnIndexFromANewerUsync() {
        List<Migration> all = MigrationRunner.bundled();
        new MigrationRunner(DB.dataSource(), all).migrate();
        assertThatThrownBy(() -> new MigrationRunner(DB.dataSource(), all.subList(0, 1)).migrate())
                .isInstanceOf(IndexException.MigrationFailed.class).hasMessageContaining("upgrade usync");
    }

    @Test
    void aFailingScriptLeavesNoTraceAndIsReported() throws SQLException {
        List<Migration> broken = List.of(new Migration(1, "broken", "CREATE TABLE half (x int); SELECT 1/0;"));
        assertThatThrownBy(() -> new MigrationRunner(DB.dataSource(), broken).migrate())
                .isInstanceOf(IndexException.MigrationFailed.class).hasMessageContaining("V1 (broken) failed");
        assertThat(query("SELECT count(*) FROM pg_class WHERE relname = 'half'")).isZero();
        assertThat(query("SELECT count(*) FROM usync_schema_version")).isZero();
    }

    @Test
    void concurrentStartersApplyEachScriptOnce() throws Exception {
        List<Migration> all = MigrationRunner.bundled();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Integer> task = () -> new MigrationRunner(DB.dataSource(), all).migrate();
                results.add(pool.submit(task));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(all.getLast().version());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(query("SELECT count(*) FROM usync_schema_version")).isEqualTo(all.size());
    }

    private static long query(String sql) throws SQLException {
        try (Connection c = DB.database().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DB.database().connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
