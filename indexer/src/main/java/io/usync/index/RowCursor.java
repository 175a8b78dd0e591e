package io.usync.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

/**
 * A forward-only stream of rows read through a server-side cursor (autocommit off, fetch size
 * set), so memory stays flat however many rows there are; close it to release the connection.
 * Iterate it once.
 */
public final class RowCursor<T> implements Iterable<T>, AutoCloseable {

    /** Maps the current result row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Binds the query's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowMapper<T> mapper;
    private boolean advanced;
    private boolean hasRow;
    private boolean closed;

    private RowCursor(Connection connection, PreparedStatement statement, ResultSet rows, RowMapper<T> mapper) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.mapper = mapper;
    }

    static <T> RowCursor<T> open(DataSource dataSource, int fetchSize, String sql, Binder binder, RowMapper<T> mapper) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            c.setReadOnly(true);
            PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(fetchSize);
            binder.bind(ps);
            return new RowCursor<>(c, ps, ps.executeQuery(), mapper);
        } catch (SQLException e) {
            if (c != null) {
                release(c);
            }
            throw new IndexException.StorageFailed("index read failed: " + Transactions.message(e), e);
        }
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (!advanced) {
                    try {
                        hasRow = !closed && rows.next();
                    } catch (SQLException e) {
                        throw new IndexException.StorageFailed("index read failed: " + Transactions.message(e), e);
                    }
                    advanced = true;
                }
                return hasRow;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                advanced = false;
                try {
                    return mapper.map(rows);
                } catch (SQLException e) {
                    throw new IndexException.StorageFailed("index read failed: " + Transactions.message(e), e);
                }
            }
        };
    }

    /** The rows as a sequential stream; closing the stream closes this cursor. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    /** Closes the cursor, ends the read transaction and returns the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
            statement.close();
        } catch (SQLException ignored) {
            // the connection is released below either way
        }
        release(connection);
    }

    private static void release(Connection c) {
        Transactions.rollbackQuietly(c);
        try {
            c.setReadOnly(false);
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // broken connection: the pool discards it
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }
}
