package io.usync.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.index.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Appended marks (schema V6): readers see the latest mark of each attempt, the latest non-empty
 * server, and exactly the same state before and after the marks are folded into the attempt rows.
 */
class ArticleMarksIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    private static IndexDatabase database;
    private static ShareIndex index;

    @BeforeAll
    static void open() {
        database = IndexFixtures.open(DB, 4, 1000);
        index = new ShareIndex(database);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aLaterCallWinsAndAnEmptyServerKeepsTheEarlierOne() {
        long id = index.createShare(IndexFixtures.newShare("later")).id();
        int v = index.openVersion(id);
        SegmentRecord s = recordOnePlannedAttempt(id, v);
        index.markArticles(id, List.of(ArticleMark.now(IndexFixtures.messageId(s, 0), ArticleState.POSTED, "news1")));
        index.markArticles(id, List.of(ArticleMark.now(IndexFixtures.messageId(s, 0), ArticleState.MISSING, "")));

        assertThat(latest(id, v)).contains(new PendingSegment.Attempt(0, IndexFixtures.messageId(s, 0),
                ArticleState.MISSING, "news1"));
        assertThat(index.compactMarks(id)).isEqualTo(1);
        assertThat(latest(id, v)).contains(new PendingSegment.Attempt(0, IndexFixtures.messageId(s, 0),
                ArticleState.MISSING, "news1"));
        // Marks after a fold apply on top of the folded row.
        index.markArticles(id, List.of(ArticleMark.now(IndexFixtures.messageId(s, 0), ArticleState.POSTED, "")));
        assertThat(latest(id, v)).contains(new PendingSegment.Attempt(0, IndexFixtures.messageId(s, 0),
                ArticleState.POSTED, "news1"));
        assertThat(index.compactMarks(id)).isEqualTo(1);
        assertThat(index.compactMarks(id)).isZero();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3L, 17L, 2026L})
    void readersSeeTheSameStatesBeforeAndAfterTheFold(long seed) throws SQLException {
        System.out.println("ArticleMarksIT seed " + seed);
        Random random = new Random(seed);
        long id = index.createShare(IndexFixtures.newShare("fold-" + seed)).id();
        int v = index.openVersion(id);
        List<SegmentRecord> segments = IndexFixtures.segments(v, 3, 40, 100);
        index.recordSegments(id, segments);
        List<ArticleRecord> attempts = new ArrayList<>();
        for (SegmentRecord s : segments) {
            attempts.add(ArticleRecord.planned(s, 0, IndexFixtures.messageId(s, 0)));
            if (random.nextInt(4) == 0) {
                attempts.add(ArticleRecord.planned(s, 1, IndexFixtures.messageId(s, 1)));
            }
        }
        index.recordArticles(id, attempts);
        Map<String, ArticleState> model = new HashMap<>();
        Map<String, String> servers = new HashMap<>();
        Map<String, Instant> posted = new HashMap<>();
        for (int call = 0; call < 4; call++) {
            List<ArticleMark> marks = new ArrayList<>();
            Map<String, ArticleMark> lastOfCall = new HashMap<>();
            for (int n = random.nextInt(attempts.size()); n > 0; n--) {
                String messageId = attempts.get(random.nextInt(attempts.size())).messageId();
                ArticleState state = ArticleState.values()[1 + random.nextInt(4)];
                String server = random.nextBoolean() ? "" : "s" + call;
                Instant at = Instant.parse("2026-11-23T00:00:00Z").plusSeconds(call * 1000L + n);
                ArticleMark mark = new ArticleMark(messageId, state, server, "r" + n, at);
                marks.add(mark);
                lastOfCall.put(messageId, mark);
            }
            // Within one call only the last mark per Message-ID counts; across calls each applies in turn.
            for (ArticleMark mark : lastOfCall.values()) {
                model.put(mark.messageId(), mark.state());
                if (!mark.server().isEmpty()) {
                    servers.put(mark.messageId(), mark.server());
                }
                if (mark.state() == ArticleState.POSTED) {
                    posted.put(mark.messageId(), mark.at());
                }
            }
            index.markArticles(id, marks);
        }
        Map<ArticleState, Long> expectedCounts = new EnumMap<>(ArticleState.class);
        for (ArticleState s : ArticleState.values()) {
            expectedCounts.put(s, 0L);
        }
        for (ArticleRecord a : attempts) {
            expectedCounts.merge(model.getOrDefault(a.messageId(), ArticleState.PLANNED), 1L, Long::sum);
        }
        List<PendingSegment> before = pending(id, v);
        List<VerifiedRetry> retriesBefore = retries(id, v);
        assertThat(index.articleCounts(id, v)).as("seed " + seed).isEqualTo(expectedCounts);
        for (PendingSegment p : before) {
            PendingSegment.Attempt a = p.latest().orElseThrow();
            assertThat(a.state()).isEqualTo(model.getOrDefault(a.messageId(), ArticleState.PLANNED));
            assertThat(a.server()).isEqualTo(servers.getOrDefault(a.messageId(), ""));
        }

        index.publishVersion(id, v);

        assertThat(pending(id, v)).as("seed " + seed).isEqualTo(before);
        assertThat(retries(id, v)).as("seed " + seed).isEqualTo(retriesBefore);
        assertThat(index.articleCounts(id, v)).as("seed " + seed).isEqualTo(expectedCounts);
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM article_marks_s" + id)) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            try (ResultSet rs = s.executeQuery("SELECT message_id, posted_at FROM articles_s" + id)) {
                while (rs.next()) {
                    Instant at = Optional.ofNullable(rs.getTimestamp(2)).map(java.sql.Timestamp::toInstant).orElse(null);
                    assertThat(at).as(rs.getString(1)).isEqualTo(posted.get(rs.getString(1)));
                }
            }
        }
    }

    @Test
    void aMarkForAnUnknownMessageIdChangesNothingAndIsDroppedByTheFold() {
        long id = index.createShare(IndexFixtures.newShare("unknown")).id();
        int v = index.openVersion(id);
        recordOnePlannedAttempt(id, v);
        assertThat(index.markArticles(id, List.of(ArticleMark.now("<nobody@x>", ArticleState.VERIFIED, "n")))).isEqualTo(1);
        assertThat(index.articleCounts(id, v).get(ArticleState.PLANNED)).isEqualTo(1);
        assertThat(index.compactMarks(id)).isZero();
        assertThat(pending(id, v)).hasSize(1);
    }

    /** Records one segment of version {@code v} and its planned attempt 0; returns the segment. */
    private static SegmentRecord recordOnePlannedAttempt(long id, int v) {
        SegmentRecord s = IndexFixtures.segments(v, 1, 1, 100).getFirst();
        index.recordSegments(id, List.of(s));
        index.recordArticles(id, List.of(ArticleRecord.planned(s, 0, IndexFixtures.messageId(s, 0))));
        return s;
    }

    private static Optional<PendingSegment.Attempt> latest(long id, int v) {
        List<PendingSegment> all = pending(id, v);
        return all.isEmpty() ? Optional.empty() : all.getFirst().latest();
    }

    private static List<PendingSegment> pending(long id, int v) {
        try (RowCursor<PendingSegment> cursor = index.pendingSegments(id, v)) {
            return cursor.stream().toList();
        }
    }

    private static List<VerifiedRetry> retries(long id, int v) {
        try (RowCursor<VerifiedRetry> cursor = index.verifiedRetries(id, v)) {
            return cursor.stream().toList();
        }
    }
}
