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

    /** Called before the first row of each COPY (a new batch, or a transaction run again): forget earlier rows. */
    default void beginCopy() {
    }

    /**
     * Called after the COPY ended and before its commit, on the same connection: checks that need
     * the rows just copied together with stored ones; throwing rolls the COPY back.
     */
    default void afterCopy(Connection connection) throws SQLException {
    }

    /** A target from its statement and a row encoder (the common case: no other state). */
    static <T> CopyTarget<T> of(String copyStatement, BiConsumer<T, BinaryCopyBuffer> encoder) {
        return new CopyTarget<>() {
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
