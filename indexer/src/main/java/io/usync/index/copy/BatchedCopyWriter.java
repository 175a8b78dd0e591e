package io.usync.index.copy;

import io.usync.index.IndexException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one table with binary COPY on a connection of its own, committing a batch
 * every {@code batchRows} rows or when {@code batchInterval} has passed since the batch began;
 * on any error the active COPY is cancelled and the batch rolled back, so nothing partial stays.
 * Not thread-safe: one writer per producing thread.
 */
public final class BatchedCopyWriter<T> implements AutoCloseable {

    private static final int SEND_THRESHOLD = 256 * 1024;

    private final DataSource dataSource;
    private final CopyTarget<T> target;
    private final int batchRows;
    private final long batchIntervalNanos;
    private final BinaryCopyBuffer buffer = new BinaryCopyBuffer(SEND_THRESHOLD + 64 * 1024);
    private Connection connection;
    private CopyIn copy;
    private int rowsInBatch;
    private long batchStarted;
    private long committedRows;
    private boolean failed;
    private boolean closed;

    /** A writer of {@code target} rows, batched by rows and time. */
    public BatchedCopyWriter(DataSource dataSource, CopyTarget<T> target, int batchRows, Duration batchInterval) {
        this.dataSource = dataSource;
        this.target = target;
        this.batchRows = batchRows;
        this.batchIntervalNanos = batchInterval.toNanos();
    }

    /**
     * Adds one row; a value the target refuses (for example a NUL in a name) throws
     * {@link IndexException.InvalidValue} and leaves the batch intact, any storage error fails the writer.
     */
    public void add(T row) {
        requireUsable();
        if (rowsInBatch == 0) {
            target.beginCopy();
        }
        try {
            target.encode(row, buffer);
            buffer.endRow();
        } catch (RuntimeException e) {
            buffer.abandonRow();
            throw e;
        }
        if (rowsInBatch++ == 0) {
            batchStarted = System.nanoTime();
        }
        try {
            if (buffer.size() >= SEND_THRESHOLD) {
                send();
            }
            if (rowsInBatch >= batchRows || System.nanoTime() - batchStarted >= batchIntervalNanos) {
                commitBatch();
            }
        } catch (SQLException | RuntimeException e) {
            throw fail(e);
        }
    }

    /** Adds every row of {@code rows}. */
    public void addAll(Iterable<? extends T> rows) {
        for (T row : rows) {
            add(row);
        }
    }

    /** Commits the current batch when its time bound has passed (call from an idle producer loop). */
    public void flushIfDue() {
        if (rowsInBatch > 0 && System.nanoTime() - batchStarted >= batchIntervalNanos) {
            flush();
        }
    }

    /** Commits the rows added so far. */
    public void flush() {
        requireUsable();
        try {
            commitBatch();
        } catch (SQLException | RuntimeException e) {
            throw fail(e);
        }
    }

    /** Rows committed by this writer so far. */
    public long committedRows() {
        return committedRows;
    }

    /** Cancels the batch in progress (nothing of it is stored) and releases the connection. */
    public void abort() {
        if (closed) {
            return;
        }
        cancelAndRollback();
        closed = true;
        release();
    }

    /** Commits the last batch and releases the connection; after a failure only releases. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (!failed) {
                flush();
            }
        } finally {
            closed = true;
            cancelAndRollback();
            release();
        }
    }

    private void requireUsable() {
        if (closed) {
            throw new IllegalStateException("the COPY writer is closed");
        }
        if (failed) {
            throw new IllegalStateException("the COPY writer failed earlier; open a new one");
        }
    }

    private void send() throws SQLException {
        int complete = buffer.completeSize();
        if (complete == 0) {
            return;
        }
        if (copy == null) {
            if (connection == null) {
                connection = dataSource.getConnection();
                connection.setAutoCommit(false);
            }
            target.beforeCopy(connection);
            SingleCopy.relaxCommitIfAllowed(target, connection);
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(target.copyStatement());
            copy.writeToCopy(BinaryCopyBuffer.HEADER, 0, BinaryCopyBuffer.HEADER.length);
        }
        copy.writeToCopy(buffer.array(), 0, complete);
        buffer.compactAfterSending(complete);
    }

    private void commitBatch() throws SQLException {
        if (rowsInBatch == 0) {
            return;
        }
        send();
        copy.writeToCopy(BinaryCopyBuffer.TRAILER, 0, BinaryCopyBuffer.TRAILER.length);
        CopyIn finished = copy;
        copy = null;
        finished.endCopy();
        target.afterCopy(connection);
        connection.commit();
        committedRows += rowsInBatch;
        rowsInBatch = 0;
    }

    private IndexException fail(Exception e) {
        failed = true;
        int lost = rowsInBatch;
        cancelAndRollback();
        release();
        if (e instanceof IndexException ie) {
            return ie;
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return new IndexException.StorageFailed("index COPY failed, batch of " + lost + " rows discarded: "
                + (nl < 0 ? m : m.substring(0, nl)), e);
    }

    private void cancelAndRollback() {
        buffer.clear();
        rowsInBatch = 0;
        if (copy != null) {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException ignored) {
                // the rollback below or the pool's validation deals with a broken connection
            }
            copy = null;
        }
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // broken connection: closing returns it to the pool, which discards it
            }
        }
    }

    private void release() {
        if (connection != null) {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // broken connection
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to do
            }
            connection = null;
        }
    }
}
