package io.usync.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The current state of article attempts (schema V6): marks are appended to the share's
 * {@code article_marks} partition; an attempt's state is that of its latest mark (highest batch),
 * its server the latest non-empty one, or its own row's when it has no mark. Readers join the marks
 * in; {@link #fold} applies them to the article rows and deletes them.
 */
final class ArticleStates {

    private static final String READ_WORK_MEM = "64MB";
    /** The fold sorts every mark of the share at once: with 64 MB a million marks spilled to disk. */
    private static final String FOLD_WORK_MEM = "256MB";

    private ArticleStates() {
    }

    /** One row per marked Message-ID: {@code message_id, state, server} (server NULL when no mark named one). */
    static String latestMarks(long shareId) {
        return "(SELECT message_id, (array_agg(state ORDER BY batch DESC))[1] AS state,"
                + " (array_agg(server ORDER BY batch DESC) FILTER (WHERE server <> ''))[1] AS server"
                + " FROM " + IndexCopyTargets.partition("article_marks", shareId) + " GROUP BY message_id)";
    }

    /**
     * The share's attempts with their marks applied: {@code version, blob_kind, blob_index,
     * segment_index, attempt, message_id, state, server}.
     */
    static String currentAttempts(long shareId) {
        return "(SELECT a.version, a.blob_kind, a.blob_index, a.segment_index, a.attempt, a.message_id,"
                + " coalesce(m.state, a.state) AS state, coalesce(m.server, a.server) AS server"
                + " FROM " + IndexCopyTargets.partition("articles", shareId) + " a LEFT JOIN "
                + latestMarks(shareId) + " m ON m.message_id = a.message_id)";
    }

    /**
     * Makes the rest of the caller's transaction join the marks by hash or merge, never by nested
     * loop: a partition loaded a moment ago has no statistics yet, and a nested loop over an
     * aggregate of a million marks chosen on a guess of a few rows never finishes.
     */
    static void planForMarks(Connection c) throws SQLException {
        planForMarks(c, READ_WORK_MEM);
    }

    private static void planForMarks(Connection c, String workMem) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL enable_nestloop = off");
            s.execute("SET LOCAL work_mem = '" + workMem + "'");
        }
    }

    /** A new mark batch number: later batches win over earlier ones. */
    static long nextBatch(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nextval('usync_mark_batches')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Applies every mark of the share to its attempt rows (state, server, last response, updated,
     * posted and verified times as sequential updates would have left them) and empties the marks
     * partition, in the caller's transaction; new marks and readers of the marks wait for it.
     * Returns the attempts updated.
     */
    static int fold(Connection c, long shareId) throws SQLException {
        String marks = IndexCopyTargets.partition("article_marks", shareId);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE " + marks + " IN SHARE ROW EXCLUSIVE MODE");
            try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + marks + ")")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
            planForMarks(c, FOLD_WORK_MEM);
            int updated = s.executeUpdate("UPDATE " + IndexCopyTargets.partition("articles", shareId) + " a"
                    + " SET state = m.state, server = coalesce(m.server, a.server), last_response = m.response,"
                    + " updated_at = m.at, posted_at = coalesce(m.posted_at, a.posted_at),"
                    + " verified_at = coalesce(m.verified_at, a.verified_at)"
                    + " FROM (SELECT message_id, (array_agg(state ORDER BY batch DESC))[1] AS state,"
                    + "   (array_agg(server ORDER BY batch DESC) FILTER (WHERE server <> ''))[1] AS server,"
                    + "   (array_agg(response ORDER BY batch DESC))[1] AS response,"
                    + "   (array_agg(at ORDER BY batch DESC))[1] AS at,"
                    + "   (array_agg(at ORDER BY batch DESC) FILTER (WHERE state = 'posted'))[1] AS posted_at,"
                    + "   (array_agg(at ORDER BY batch DESC) FILTER (WHERE state = 'verified'))[1] AS verified_at"
                    + "   FROM " + marks + " GROUP BY message_id) m"
                    + " WHERE a.message_id = m.message_id");
            // TRUNCATE, not DELETE: it leaves no million dead rows for vacuum in a table the next
            // version's marks reuse (it takes the partition's exclusive lock until commit).
            s.execute("TRUNCATE " + marks);
            return updated;
        }
    }

    /** Counts a version's attempts by current state. */
    static PreparedStatement countByState(Connection c, long shareId, int version) throws SQLException {
        planForMarks(c);
        PreparedStatement ps = c.prepareStatement("SELECT state::text, count(*) FROM " + currentAttempts(shareId)
                + " c WHERE version = ? GROUP BY state");
        ps.setInt(1, version);
        return ps;
    }
}
