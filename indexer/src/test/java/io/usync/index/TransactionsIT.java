package io.usync.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.index.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TransactionsIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perTest();

    @Test
    void retriesTheVictimOfADeadlockUntilBothCommit() throws Exception {
        execute("CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL); INSERT INTO t VALUES (1, 0), (2, 0)");
        Transactions transactions = new Transactions(DB.dataSource(), 3);
        CountDownLatch bothHoldOneRow = new CountDownLatch(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = threads.submit(() -> crossUpdate(transactions, 1, 2, bothHoldOneRow, attempts));
            Future<?> b = threads.submit(() -> crossUpdate(transactions, 2, 1, bothHoldOneRow, attempts));
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(attempts.get()).as("one transaction ran twice").isEqualTo(3);
        assertThat(query("SELECT sum(v) FROM t")).isEqualTo(4);
    }

    @Test
    void givesUpAfterTheConfiguredRetriesWithAOneLineMessage() {
        Transactions transactions = new Transactions(DB.dataSource(), 2);
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> transactions.run("test work", c -> {
            attempts.incrementAndGet();
            throw new SQLException("could not serialize access", "40001");
        })).isInstanceOf(IndexException.StorageFailed.class).hasMessage("index test work failed: could not serialize access");
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void doesNotRetryOrdinaryErrors() {
        Transactions transactions = new Transactions(DB.dataSource(), 5);
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> transactions.run("bad sql", c -> {
            attempts.incrementAndGet();
            try (Statement s = c.createStatement()) {
                return s.execute("SELECT * FROM no_such_table");
            }
        })).isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("no_such_table");
        assertThat(attempts.get()).isEqualTo(1);
    }

    private static void crossUpdate(Transactions transactions, int first, int second, CountDownLatch latch,
                                     AtomicInteger attempts) {
        transactions.run("cross update", c -> {
            attempts.incrementAndGet();
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE t SET v = v + 1 WHERE id = " + first);
                latch.countDown();
                try {
                    latch.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                s.execute("UPDATE t SET v = v + 1 WHERE id = " + second);
            }
            return null;
        });
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DB.database().connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long query(String sql) throws SQLException {
        try (Connection c = DB.database().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
