package io.usync.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.index.embedded.EmbeddedPostgresOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A new share's first segments and its next version as large survive a server killed right after
 * the next durable commit: every row and a valid key are there when it starts again, whether they
 * went into the share's default leaf (truncated, rows frozen, key rebuilt after them: see
 * {@link DeferredKeyLoad}; key dropped and built again over both for the next version) or, for
 * loads of at least {@link VersionLeafLoad#MIN_ROWS}, into two leaves per version attached in one commit.
 */
class EmptyPartitionCrashIT {

    private Path xdg;
    private EmbeddedPostgresOptions embedded;

    @BeforeEach
    void tempXdgDataHome() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        xdg = Files.createTempDirectory(tmp, "usync-xdg-");
        Files.setPosixFilePermissions(xdg, PosixFilePermissions.fromString("rwxr-xr-x"));
        EmbeddedPostgresOptions base = EmbeddedPostgresOptions.forDataHome(xdg)
                .withBinaryCache(tmp.resolve("usync-pg-binaries"));
        // fsync stays off (a process crash keeps the OS cache); durable commits must reach the WAL file.
        embedded = new EmbeddedPostgresOptions(base.directory(), base.binaryCache(), base.startTimeout(),
                base.lockTimeout(), false, Map.of("synchronous_commit", "on"));
    }

    @AfterEach
    void removeIt() throws IOException {
        try (Stream<Path> walk = Files.walk(xdg)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @ParameterizedTest(name = "{0} rows per version")
    @ValueSource(ints = {VersionLeafLoad.MIN_ROWS - 1000, VersionLeafLoad.MIN_ROWS})
    void aNewSharesFirstSegmentsItsNextVersionAndTheirKeySurviveAServerCrash(int perVersion) throws Exception {
        IndexOptions options = IndexOptions.defaults().withEmbedded(embedded);
        List<SegmentRecord> segments = IndexFixtures.segments(1, perVersion / 1000, 1000, 700_000);
        List<SegmentRecord> next = IndexFixtures.segments(2, perVersion / 1000, 1000, 700_000);
        long id;
        IndexDatabase crashed = IndexDatabase.open(options);
        try {
            ShareIndex index = new ShareIndex(crashed);
            id = index.createShare(IndexFixtures.newShare("crash")).id();
            assertThat(index.recordSegments(id, segments)).isEqualTo(perVersion);
            assertThat(index.recordSegments(id, next)).isEqualTo(perVersion);
            // As the uploader does: the durable commit of the attempts flushes every earlier commit.
            index.recordArticles(id, List.of(ArticleRecord.planned(segments.getFirst(), 0, "<crash@test.usync>")));
            Path pidFile = embedded.directory().resolve("data/postmaster.pid");
            ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().trim()))
                    .orElseThrow();
            postmaster.destroyForcibly();
            postmaster.onExit().get(20, TimeUnit.SECONDS);
        } finally {
            crashed.close();
        }
        try (IndexDatabase database = IndexDatabase.open(options)) {
            ShareIndex index = new ShareIndex(database);
            assertThat(text(database, "SELECT count(*) FROM segments WHERE share_id = " + id))
                    .isEqualTo(String.valueOf(2 * perVersion));
            String leaves = " FROM pg_inherits i WHERE i.inhparent = 'segments_p" + id + "'::regclass";
            assertThat(text(database, "SELECT count(*)" + leaves))
                    .isEqualTo(perVersion >= VersionLeafLoad.MIN_ROWS ? "5" : "1");
            assertThat(text(database, "SELECT bool_and(EXISTS (SELECT 1 FROM pg_index x WHERE x.indrelid = i.inhrelid"
                    + " AND x.indisunique AND x.indisvalid))" + leaves)).isEqualTo("t");
            try (RowCursor<SegmentRecord> rows = index.streamSegments(id, 1)) {
                assertThat(rows.stream().toList()).isEqualTo(segments);
            }
            try (RowCursor<SegmentRecord> rows = index.streamSegments(id, 2)) {
                assertThat(rows.stream().toList()).isEqualTo(next);
            }
            assertThatThrownBy(() -> index.recordSegments(id, List.of(segments.get(4242))))
                    .isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("duplicate key");
        }
    }

    private static String text(IndexDatabase database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
