package io.usync.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.index.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConcurrentWritersIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @Test
    void twoSharesAreWrittenAtOnceWhileAThirdIsCreatedAndDropped() throws Exception {
        try (IndexDatabase database = IndexFixtures.open(DB, 6, 5000)) {
            ShareIndex index = new ShareIndex(database);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<Long>> writers = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    String label = "writer-" + w;
                    Callable<Long> task = () -> {
                        long id = index.createShare(IndexFixtures.newShare(label)).id();
                        int v = index.openVersion(id);
                        List<SegmentRecord> segments = IndexFixtures.segments(v, 40, 500, 700_000);
                        index.recordSegments(id, segments);
                        index.recordArticles(id, segments.stream()
                                .map(s -> ArticleRecord.planned(s, 0, IndexFixtures.messageId(s, 0))).toList());
                        index.markArticles(id, segments.stream()
                                .map(s -> ArticleMark.now(IndexFixtures.messageId(s, 0), ArticleState.VERIFIED, "n"))
                                .toList());
                        return id;
                    };
                    writers.add(pool.submit(task));
                }
                Future<Integer> churn = pool.submit(() -> {
                    int dropped = 0;
                    for (int i = 0; i < 10; i++) {
                        long id = index.createShare(IndexFixtures.newShare("churn-" + i)).id();
                        index.recordSegments(id, IndexFixtures.segments(1, 5, 10, 100));
                        dropped += index.dropShare(id) ? 1 : 0;
                    }
                    return dropped;
                });
                assertThat(churn.get()).isEqualTo(10);
                for (Future<Long> f : writers) {
                    long id = f.get();
                    assertThat(index.articleCounts(id, 1).get(ArticleState.VERIFIED)).isEqualTo(20_000);
                    try (RowCursor<SegmentRecord> rows = index.streamSegments(id, 1)) {
                        assertThat(rows.stream().count()).isEqualTo(20_000);
                    }
                }
                assertThat(index.shares()).hasSize(2);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
