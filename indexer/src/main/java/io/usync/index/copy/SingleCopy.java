package io.usync.index.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** One binary COPY of all given rows on the caller's connection and transaction; cancelled on any error. */
public final class SingleCopy {

    private static final int SEND_THRESHOLD = 256 * 1024;

    private SingleCopy() {
    }

    /**
     * Copies every row and runs the target's {@link CopyTarget#afterCopy} check; returns the
     * server's row count. The caller commits or rolls back.
     */
    public static <T> long copy(Connection connection, CopyTarget<T> target, Iterable<? extends T> rows)
            throws SQLException {
        BinaryCopyBuffer buffer = new BinaryCopyBuffer(SEND_THRESHOLD + 64 * 1024);
        target.beginCopy();
        target.beforeCopy(connection);
        relaxCommitIfAllowed(target, connection);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(target.copyStatement());
        try {
            copy.writeToCopy(BinaryCopyBuffer.HEADER, 0, BinaryCopyBuffer.HEADER.length);
            for (T row : rows) {
                target.encode(row, buffer);
                buffer.endRow();
                if (buffer.size() >= SEND_THRESHOLD) {
                    copy.writeToCopy(buffer.array(), 0, buffer.size());
                    buffer.clear();
                }
            }
            copy.writeToCopy(buffer.array(), 0, buffer.size());
            copy.writeToCopy(BinaryCopyBuffer.TRAILER, 0, BinaryCopyBuffer.TRAILER.length);
            long stored = copy.endCopy();
            target.afterCopy(connection);
            return stored;
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** Applies the target's {@link CopyTarget#durableCommit()} to the transaction open on {@code connection}. */
    static void relaxCommitIfAllowed(CopyTarget<?> target, Connection connection) throws SQLException {
        if (!target.durableCommit()) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
            }
        }
    }
}
