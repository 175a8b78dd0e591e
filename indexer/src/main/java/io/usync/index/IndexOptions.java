package io.usync.index;

import io.usync.index.embedded.EmbeddedPostgresOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the index connects and the bounds it works within: an external server ({@code jdbcUrl},
 * user, password) or the embedded default, the pool size, COPY batch bounds (rows and time),
 * the streaming fetch size and how often a transaction is retried after a serialization failure
 * or deadlock.
 */
public record IndexOptions(Optional<String> jdbcUrl, String user, Optional<String> password, int poolSize,
                           int copyBatchRows, Duration copyBatchInterval, int fetchSize, int transactionRetries,
                           Duration connectionTimeout, EmbeddedPostgresOptions embedded) {

    /** Validates every bound. */
    public IndexOptions {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(embedded, "embedded");
        jdbcUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("index.jdbcUrl must start with jdbc:postgresql:");
            }
        });
        if (poolSize < 2 || poolSize > 1000) {
            throw new IllegalArgumentException("poolSize must be 2..1000: " + poolSize);
        }
        if (copyBatchRows < 1) {
            throw new IllegalArgumentException("copyBatchRows must be positive: " + copyBatchRows);
        }
        if (copyBatchInterval.isNegative() || copyBatchInterval.isZero()) {
            throw new IllegalArgumentException("copyBatchInterval must be positive: " + copyBatchInterval);
        }
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetchSize must be positive: " + fetchSize);
        }
        if (transactionRetries < 0) {
            throw new IllegalArgumentException("transactionRetries must not be negative: " + transactionRetries);
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms: " + connectionTimeout);
        }
    }

    /** The embedded default: no JDBC URL, pool of 8, 50,000-row / 1 s COPY batches, fetch 10,000. */
    public static IndexOptions defaults() {
        return new IndexOptions(Optional.empty(), "usync", Optional.empty(), 8, 50_000, Duration.ofSeconds(1),
                10_000, 5, Duration.ofSeconds(30), EmbeddedPostgresOptions.defaults());
    }

    /** A copy that uses an existing server instead of the embedded one. */
    public IndexOptions withJdbcUrl(String url, String userName, String secret) {
        return new IndexOptions(Optional.of(url), userName, Optional.of(secret), poolSize, copyBatchRows,
                copyBatchInterval, fetchSize, transactionRetries, connectionTimeout, embedded);
    }

    /** A copy with other embedded-server options (used when no JDBC URL is set). */
    public IndexOptions withEmbedded(EmbeddedPostgresOptions value) {
        return new IndexOptions(jdbcUrl, user, password, poolSize, copyBatchRows, copyBatchInterval, fetchSize,
                transactionRetries, connectionTimeout, value);
    }

    /** A copy with other COPY batch bounds. */
    public IndexOptions withCopyBatch(int rows, Duration interval) {
        return new IndexOptions(jdbcUrl, user, password, poolSize, rows, interval, fetchSize, transactionRetries,
                connectionTimeout, embedded);
    }

    /** A copy with another streaming fetch size. */
    public IndexOptions withFetchSize(int rows) {
        return new IndexOptions(jdbcUrl, user, password, poolSize, copyBatchRows, copyBatchInterval, rows,
                transactionRetries, connectionTimeout, embedded);
    }

    /** A copy with another pool size. */
    public IndexOptions withPoolSize(int size) {
        return new IndexOptions(jdbcUrl, user, password, size, copyBatchRows, copyBatchInterval, fetchSize,
                transactionRetries, connectionTimeout, embedded);
    }

    @Override
    public String toString() {
        return "IndexOptions[jdbcUrl=" + jdbcUrl.orElse("(embedded)") + ", user=" + user
                + ", password=" + (password.isPresent() ? "***" : "(none)") + ", poolSize=" + poolSize
                + ", copyBatchRows=" + copyBatchRows + ", copyBatchInterval=" + copyBatchInterval
                + ", fetchSize=" + fetchSize + ", transactionRetries=" + transactionRetries
                + ", connectionTimeout=" + connectionTimeout + ", embedded=" + embedded.directory() + "]";
    }
}
