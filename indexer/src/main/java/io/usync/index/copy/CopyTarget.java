package io.usync.index.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BiConsumer;

/** Where rows of type {@code T} go: the COPY statement and how one row becomes a binary tuple. */
public interface CopyTarget<T> {

    /** The full {@code COPY table (columns) FROM STDIN (FORMAT binary)} statement. */
    String copyStatement();

    /** Writes one row as a tuple ({@code out.row(n)} then n fields); may throw to refuse a value. */
    void encode(T row, BinaryCopyBuffer out);

    /**
     * Whether the commit of these rows must be on disk before it returns ({@code true}, the default).
     * {@code false} lets the commit return before its WAL is flushed (PostgreSQL's
     * {@code synchronous_commit = off}, crash-safe but the last fraction of a second of such commits may
     * be lost in a crash): only for rows whose loss means checking again, never losing work.
     */
    default boolean durableCommit() {
        return true;
    }

    /** Called before the first row of each COPY (a new batch, or a transaction run again): forget earlier rows. */
    default void beginCopy() {
    }

    /**
     * Called on the connection just before each COPY statement, as the first statement of its
     * transaction when the caller did nothing else in it: may lock or prepare the table, and may
     * change what {@link #copyStatement()} returns for this COPY.
     */
    default void beforeCopy(Connection connection) throws SQLException {
    }

    /**
     * Called after the COPY ended and before its commit, on the same connection: checks that need
     * the rows just copied together with stored ones; throwing rolls the COPY back.
     */
    default void afterCopy(Connection connection) throws SQLException {
    }

    /** A target from its statement and a row encoder (the common case: no other state). */
    static <T> CopyTarget<T> of(String copyStatement, BiConsumer<T, BinaryCopyBuffer> encoder) {
        return of(copyStatement, encoder, true);
    }

    /** A target from its statement, a row encoder and whether its commits must be durable. */
    static <T> CopyTarget<T> of(String copyStatement, BiConsumer<T, BinaryCopyBuffer> encoder, boolean durable) {
        return new CopyTarget<>() {
            @Override
            public boolean durableCommit() {
                return durable;
            }

            @Override
            public String copyStatement() {
                return copyStatement;
            }

            @Override
            public void encode(T row, BinaryCopyBuffer out) {
                encoder.accept(row, out);
            }
        };
    }
}
