package io.usync.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.index.copy.BatchedCopyWriter;
import io.usync.index.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interrupts a simulated upload at seeded random points (mid-COPY batch, mid-marking) and checks
 * the resume query returns exactly the segments a model of the committed state says are not
 * verified; then finishes the upload from that answer and expects nothing left.
 */
class ResumeIT {

    @org.junit.jupiter.api.extension.RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    private static IndexDatabase database;
    private static ShareIndex index;

    @BeforeAll
    static void open() {
        database = IndexFixtures.open(DB, 4, 97);
        index = new ShareIndex(database);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 7L, 42L, 1234L, 99991L, 31337L})
    void resumeQueryReturnsExactlyTheUnverifiedSegments(long seed) {
        System.out.println("ResumeIT seed " + seed);
        Random random = new Random(seed);
        long id = index.createShare(IndexFixtures.newShare("resume-" + seed)).id();
        int version = index.openVersion(id);
        List<SegmentRecord> segments = IndexFixtures.segments(version, 1 + random.nextInt(20), 1 + random.nextInt(60), 1000);
        index.recordSegments(id, segments);

        // Plan attempts, interrupted at a random row: only whole batches of 97 survive.
        int interruptAt = random.nextInt(segments.size() + 1);
        BatchedCopyWriter<ArticleRecord> writer = index.articleWriter(id);
        for (int i = 0; i < interruptAt; i++) {
            writer.add(ArticleRecord.planned(segments.get(i), 0, IndexFixtures.messageId(segments.get(i), 0)));
        }
        writer.abort();
        int planned = interruptAt / 97 * 97;
        Map<Integer, ArticleState> model = new HashMap<>();
        for (int i = 0; i < planned; i++) {
            model.put(i, ArticleState.PLANNED);
        }

        // Mark in several bulk calls and stop after a random number of them.
        int calls = random.nextInt(5);
        for (int call = 0; call < calls && planned > 0; call++) {
            List<ArticleMark> marks = new ArrayList<>();
            for (int n = random.nextInt(planned); n > 0; n--) {
                int i = random.nextInt(planned);
                ArticleState state = ArticleState.values()[1 + random.nextInt(4)];
                marks.add(ArticleMark.now(IndexFixtures.messageId(segments.get(i), 0), state, "s" + call));
                model.put(i, state);
            }
            index.markArticles(id, marks);
        }

        TreeSet<Integer> expected = new TreeSet<>();
        for (int i = 0; i < segments.size(); i++) {
            if (model.get(i) != ArticleState.VERIFIED) {
                expected.add(i);
            }
        }
        List<PendingSegment> pending;
        try (RowCursor<PendingSegment> cursor = index.pendingSegments(id, version)) {
            pending = cursor.stream().toList();
        }
        assertThat(pending.stream().map(p -> segments.indexOf(p.segment())).toList())
                .as("seed " + seed).containsExactlyElementsOf(expected);
        for (PendingSegment p : pending) {
            int i = segments.indexOf(p.segment());
            assertThat(p.latest().map(PendingSegment.Attempt::state)).as("seed " + seed)
                    .isEqualTo(java.util.Optional.ofNullable(model.get(i)));
        }

        // Resume: failed attempts get a new attempt (new Message-ID), everything else is (re)posted.
        List<ArticleRecord> fresh = new ArrayList<>();
        List<ArticleMark> done = new ArrayList<>();
        for (PendingSegment p : pending) {
            int attempt = p.latest().map(a -> a.state() == ArticleState.FAILED ? a.attempt() + 1 : a.attempt()).orElse(0);
            String messageId = IndexFixtures.messageId(p.segment(), attempt);
            if (p.latest().isEmpty() || p.latest().get().attempt() != attempt) {
                fresh.add(ArticleRecord.planned(p.segment(), attempt, messageId));
            }
            done.add(ArticleMark.now(messageId, ArticleState.VERIFIED, "resumed"));
        }
        index.recordArticles(id, fresh);
        assertThat(index.markArticles(id, done)).isEqualTo(done.size());
        try (RowCursor<PendingSegment> cursor = index.pendingSegments(id, version)) {
            assertThat(cursor.stream().count()).as("seed " + seed).isZero();
        }
    }

}
