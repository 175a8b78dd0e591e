package io.usync.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.index.copy.CopyTarget;
import io.usync.index.copy.SingleCopy;
import io.usync.index.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Intents (files, folders, segments) and marks commit without waiting for the WAL flush; article
 * attempts, written before anything is posted, keep durable commits; the relaxed setting never
 * outlives its transaction on a pooled connection.
 */
class CommitDurabilityIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @Test
    void intentsAndMarksMayCommitLazilyButAttemptsAreDurable() {
        assertThat(IndexCopyTargets.segments(1, DB.dataSource()).durableCommit()).isFalse();
        assertThat(IndexCopyTargets.files(1, 1).durableCommit()).isFalse();
        assertThat(IndexCopyTargets.folders(1, 1).durableCommit()).isFalse();
        assertThat(IndexCopyTargets.marks(1, 1).durableCommit()).isFalse();
        assertThat(IndexCopyTargets.articles(1).durableCommit()).isTrue();
        assertThat(CopyTarget.of("COPY x FROM STDIN", (Integer r, io.usync.index.copy.BinaryCopyBuffer out) -> { })
                .durableCommit()).isTrue();
    }

    @Test
    void aLazyCommitAppliesToItsOwnTransactionOnly() throws SQLException {
        DataSource ds = DB.dataSource();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE lazy (n int4)");
            s.execute("SET synchronous_commit = on"); // test servers run without fsync: start from the durable default
            c.setAutoCommit(false);
            CopyTarget<Integer> lazy = CopyTarget.of("COPY lazy (n) FROM STDIN (FORMAT binary)",
                    (n, out) -> out.row(1).int4(n), false);
            CopyTarget<Integer> durable = CopyTarget.of("COPY lazy (n) FROM STDIN (FORMAT binary)",
                    (n, out) -> out.row(1).int4(n));
            assertThat(SingleCopy.copy(c, durable, List.of(1, 2))).isEqualTo(2);
            assertThat(show(s)).isEqualTo("on");
            c.commit();
            assertThat(SingleCopy.copy(c, lazy, List.of(3))).isEqualTo(1);
            assertThat(show(s)).isEqualTo("off");
            c.commit();
            assertThat(show(s)).isEqualTo("on");
            c.setAutoCommit(true);
            s.execute("RESET synchronous_commit");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM lazy")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }

    private static String show(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
