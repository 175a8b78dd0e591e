package io.usync.index;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/** Runs a unit of work in one transaction, retrying it after a serialization failure or deadlock. */
public final class Transactions {

    /** The work: it may run more than once, so it must only touch the database. */
    @FunctionalInterface
    public interface Work<T> {
        /** Does the work on {@code connection} (autocommit off; commit is done by the caller). */
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final int retries;

    /** Retries up to {@code retries} times on SQLSTATE 40001 / 40P01. */
    public Transactions(DataSource dataSource, int retries) {
        this.dataSource = dataSource;
        this.retries = retries;
    }

    /** Runs {@code work} in a transaction and commits; {@code what} names it in the error message. */
    public <T> T run(String what, Work<T> work) {
        for (int attempt = 0; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (retryable(e) && attempt < retries) {
                    backoff(attempt);
                    continue;
                }
                throw new IndexException.StorageFailed("index " + what + " failed: " + message(e), e);
            }
        }
    }

    /** Whether the failure is a serialization failure or deadlock (worth running again). */
    public static boolean retryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || "40P01".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static String message(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool will discard it
        }
    }

    private static void backoff(int attempt) {
        long millis = Math.min(1000, 10L << Math.min(attempt, 6));
        try {
            Thread.sleep(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException.StorageFailed("interrupted while retrying an index transaction", e);
        }
    }
}
