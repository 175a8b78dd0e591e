package io.usync.config;

import java.util.Optional;

/**
 * Where the PostgreSQL index lives (an external JDBC URL, or the embedded server when empty) and
 * how it is used: pool size, rows per COPY batch, rows per cursor fetch.
 */
public record IndexSettings(Optional<String> jdbcUrl, Optional<String> user, Optional<SecretRef> password,
        int poolSize, int copyBatchRows, int fetchSize) {

    /** Default pool size. */
    public static final int DEFAULT_POOL_SIZE = 8;
    /** Default rows per COPY batch. */
    public static final int DEFAULT_COPY_BATCH_ROWS = 10_000;
    /** Default rows per cursor fetch. */
    public static final int DEFAULT_FETCH_SIZE = 5_000;

    /** Validates the bounds. */
    public IndexSettings {
        if (jdbcUrl == null || user == null || password == null) {
            throw new IllegalArgumentException("optional parts must be Optional, not null");
        }
        if (poolSize < 1 || copyBatchRows < 1 || fetchSize < 1) {
            throw new IllegalArgumentException("index sizes must be positive");
        }
    }

    /** The embedded database with default sizes. */
    public static IndexSettings defaults() {
        return new IndexSettings(Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_POOL_SIZE, DEFAULT_COPY_BATCH_ROWS, DEFAULT_FETCH_SIZE);
    }

    /** Whether usync should start its embedded PostgreSQL (no JDBC URL configured). */
    public boolean embedded() {
        return jdbcUrl.isEmpty();
    }
}
