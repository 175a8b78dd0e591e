package io.usync.index.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresServerIT {

    private Path xdg;
    private EmbeddedPostgresOptions options;

    @BeforeEach
    void tempXdgDataHome() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        xdg = Files.createTempDirectory(tmp, "usync-xdg-");
        Files.setPosixFilePermissions(xdg, PosixFilePermissions.fromString("rwxr-xr-x"));
        options = EmbeddedPostgresOptions.forDataHome(xdg).withBinaryCache(tmp.resolve("usync-pg-binaries"))
                .withDurable(false);
    }

    @AfterEach
    void removeIt() throws IOException {
        PostgresBinaries.deleteTree(xdg);
    }

    @Test
    void keepsItsDataAcrossRunsAndStopsWhenClosed() throws SQLException {
        assertThat(options.directory()).isEqualTo(xdg.resolve("usync/pg"));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(options)) {
            assertThat(server.startedServer()).isTrue();
            execute(server, "CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)");
        }
        assertThat(pidFile()).doesNotExist();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(options)) {
            assertThat(server.startedServer()).isTrue();
            assertThat(query(server, "SELECT x FROM kept")).isEqualTo(42);
        }
        assertThat(pidFile()).doesNotExist();
    }

    @Test
    void storesTheLoginWithOneScramIterationAndStillRefusesAWrongPassword() throws SQLException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(options)) {
            execute(server, "SET scram_iterations = 4096; ALTER ROLE " + server.user() + " PASSWORD '"
                    + server.password() + "'");
            assertThat(query(server, "SELECT count(*) FROM pg_authid WHERE rolpassword LIKE 'SCRAM-SHA-256$4096:%'"))
                    .isEqualTo(1);
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(options)) {
            try (Connection c = connect(server); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(EmbeddedPostgresServer.scramIterations(rs.getString(1)))
                        .isEqualTo(EmbeddedPostgresServer.LOGIN_ITERATIONS);
            }
            Properties wrong = new Properties();
            wrong.setProperty("user", server.user());
            wrong.setProperty("password", "0" + server.password());
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(EmbeddedPostgresServer.DATABASE),
                    wrong).close()).isInstanceOf(SQLException.class).hasMessageContaining("password");
        }
    }

    @Test
    void readsTheIterationCountOfAScramVerifierOnly() {
        assertThat(EmbeddedPostgresServer.scramIterations("SCRAM-SHA-256$4096:c2FsdA==$a:b")).isEqualTo(4096);
        assertThat(EmbeddedPostgresServer.scramIterations("md5abc")).isZero();
        assertThat(EmbeddedPostgresServer.scramIterations("SCRAM-SHA-256$x:y")).isZero();
        assertThat(EmbeddedPostgresServer.scramIterations(null)).isZero();
    }

    @Test
    void aSecondUserJoinsTheRunningServerAndTheLastOneStopsIt() throws SQLException {
        EmbeddedPostgresServer first = EmbeddedPostgresServer.open(options);
        EmbeddedPostgresServer second = EmbeddedPostgresServer.open(options);
        try {
            assertThat(second.startedServer()).isFalse();
            assertThat(second.port()).isEqualTo(first.port());
            first.close();
            assertThat(query(second, "SELECT 7")).isEqualTo(7);
        } finally {
            first.close();
            second.close();
        }
        assertThat(pidFile()).doesNotExist();
    }

    @Test
    void sharesTheServerWithAnotherProcessAndOutlivesItsCrash() throws Exception {
        Process child = startChild();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("child output").startsWith("PORT ").endsWith("STARTED true");
            int childPort = Integer.parseInt(line.split(" ")[1]);
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(options)) {
                assertThat(server.startedServer()).isFalse();
                assertThat(server.port()).isEqualTo(childPort);
                child.destroyForcibly();
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(query(server, "SELECT 1")).isEqualTo(1);
            }
        } finally {
            child.destroyForcibly();
        }
        assertThat(pidFile()).as("the last live user stops the server").doesNotExist();
    }

    @Test
    void recoversFromAStaleLockFile() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(options)) {
            execute(server, "SELECT 1");
        }
        // A postmaster.pid naming a live process that is not PostgreSQL (this JVM): a recycled pid.
        Files.writeString(pidFile(), ProcessHandle.current().pid() + "\n" + options.directory().resolve("data")
                + "\n1700000000\n5999\n\n127.0.0.1\n  1234  5678\nready   \n");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(options)) {
            assertThat(server.startedServer()).isTrue();
            assertThat(query(server, "SELECT 3")).isEqualTo(3);
        }
    }

    @Test
    void recoversAfterTheServerWasKilled() throws Exception {
        // fsync stays off (a process crash keeps the OS cache), but commits must reach the WAL file.
        options = new EmbeddedPostgresOptions(options.directory(), options.binaryCache(), options.startTimeout(),
                options.lockTimeout(), false, java.util.Map.of("synchronous_commit", "on"));
        EmbeddedPostgresServer crashed = EmbeddedPostgresServer.open(options);
        execute(crashed, "CREATE TABLE t (x int); INSERT INTO t VALUES (5)");
        long pid = Long.parseLong(Files.readAllLines(pidFile()).getFirst().trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        postmaster.destroyForcibly();
        postmaster.onExit().get(20, TimeUnit.SECONDS);
        crashed.close();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(options)) {
            assertThat(server.startedServer()).isTrue();
            assertThat(query(server, "SELECT x FROM t")).isEqualTo(5);
        }
    }

    @Test
    void forgetsUsersThatDiedWithoutClosing() throws IOException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(options)) {
            Files.createFile(options.directory().resolve("clients").resolve("999999-dead.lock"));
            assertThat(server.startedServer()).isTrue();
        }
        assertThat(pidFile()).doesNotExist();
        try (var files = Files.list(options.directory().resolve("clients"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void optionsDefaultToTheXdgDataHome() {
        EmbeddedPostgresOptions defaults = EmbeddedPostgresOptions.defaults();
        assertThat(defaults.directory().toString()).endsWith("/usync/pg");
        assertThat(defaults.durable()).isTrue();
        assertThat(options.startTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    private Process startChild() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedServerChild.class.getName(), xdg.toString(), options.binaryCache().toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private Path pidFile() {
        return options.directory().resolve("data/postmaster.pid");
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", server.user());
        props.setProperty("password", server.password());
        return DriverManager.getConnection(server.jdbcUrl(EmbeddedPostgresServer.DATABASE), props);
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long query(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = connect(server); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
