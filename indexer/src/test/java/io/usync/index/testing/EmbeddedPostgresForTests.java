package io.usync.index.testing;

import io.usync.index.embedded.EmbeddedPostgresOptions;
import io.usync.index.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** The embedded PostgreSQL binaries on a throwaway, non-durable cluster in a temporary directory. */
final class EmbeddedPostgresForTests implements PostgresServerForTests {

    private final Path directory;
    private final EmbeddedPostgresServer server;

    private EmbeddedPostgresForTests(Path directory, EmbeddedPostgresServer server) {
        this.directory = directory;
        this.server = server;
    }

    /** Creates and starts a cluster; binaries are unpacked once into a shared temp cache. */
    static EmbeddedPostgresForTests start() {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Path directory = Files.createTempDirectory(tmp, "usync-testdb-");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            EmbeddedPostgresOptions options = EmbeddedPostgresOptions.forDataHome(directory)
                    .withBinaryCache(tmp.resolve("usync-pg-binaries"))
                    .withDurable(false);
            return new EmbeddedPostgresForTests(directory, EmbeddedPostgresServer.open(options));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the test PostgreSQL", e);
        }
    }

    @Override
    public String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    @Override
    public String adminDatabase() {
        return "postgres";
    }

    @Override
    public String user() {
        return server.user();
    }

    @Override
    public String password() {
        return server.password();
    }

    @Override
    public String describe() {
        return "embedded PostgreSQL in " + directory + " on port " + server.port();
    }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
