package io.usync.index;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.usync.index.embedded.EmbeddedPostgresServer;
import io.usync.index.migration.MigrationRunner;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The index's PostgreSQL: an external server through HikariCP when a JDBC URL is configured,
 * otherwise the embedded server under {@code $XDG_DATA_HOME/usync/pg}; migrations are applied on
 * open. Closing it closes the pool and leaves (or stops) the embedded server.
 */
public final class IndexDatabase implements AutoCloseable {

    private final IndexOptions options;
    private final HikariDataSource pool;
    private final Optional<EmbeddedPostgresServer> embedded;
    private final int schemaVersion;

    private IndexDatabase(IndexOptions options, HikariDataSource pool, Optional<EmbeddedPostgresServer> embedded,
                          int schemaVersion) {
        this.options = options;
        this.pool = pool;
        this.embedded = embedded;
        this.schemaVersion = schemaVersion;
    }

    /** Connects (starting the embedded server if no JDBC URL is set) and brings the schema up to date. */
    public static IndexDatabase open(IndexOptions options) {
        Optional<EmbeddedPostgresServer> embedded = options.jdbcUrl().isPresent()
                ? Optional.empty() : Optional.of(EmbeddedPostgresServer.open(options.embedded()));
        HikariDataSource pool = null;
        try {
            HikariConfig config = new HikariConfig();
            config.setPoolName("usync-index");
            if (embedded.isPresent()) {
                config.setJdbcUrl(embedded.get().jdbcUrl(EmbeddedPostgresServer.DATABASE));
                config.setUsername(embedded.get().user());
                config.setPassword(embedded.get().password());
            } else {
                config.setJdbcUrl(options.jdbcUrl().orElseThrow());
                config.setUsername(options.user());
                options.password().ifPresent(config::setPassword);
            }
            config.setMaximumPoolSize(options.poolSize());
            config.setMinimumIdle(1);
            config.setConnectionTimeout(options.connectionTimeout().toMillis());
            config.setInitializationFailTimeout(options.connectionTimeout().toMillis());
            config.addDataSourceProperty("ApplicationName", "usync");
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            pool = new HikariDataSource(config);
            int version = new MigrationRunner(pool, MigrationRunner.bundled()).migrate();
            return new IndexDatabase(options, pool, embedded, version);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            embedded.ifPresent(EmbeddedPostgresServer::close);
            if (e instanceof IndexException ie) {
                throw ie;
            }
            throw new IndexException.ServerUnavailable("cannot connect to the index database "
                    + options.jdbcUrl().orElse("(embedded)") + ": " + oneLine(e)
                    + "; check index.jdbcUrl, the user and the password", e);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').strip();
    }

    /** The pooled data source. */
    public DataSource dataSource() {
        return pool;
    }

    /** The options this database was opened with. */
    public IndexOptions options() {
        return options;
    }

    /** The schema version after migration. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** Whether this process runs (or joined) the embedded server. */
    public boolean embedded() {
        return embedded.isPresent();
    }

    /** Closes the pool and leaves the embedded server (stopping it if this was its last user). */
    @Override
    public void close() {
        pool.close();
        embedded.ifPresent(EmbeddedPostgresServer::close);
    }
}
