package io.usync.segmenter;

import io.usync.core.BlobKind;
import io.usync.core.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentPlannerTest {

    private static final int ARTICLE = 716_800;

    static LongStream seeds() {
        return LongStream.range(0, 30).map(i -> 77 + i * 104_729);
    }

    private static void assertCovers(List<Segment> plan, long size, int article) {
        long expectedOffset = 0;
        for (int i = 0; i < plan.size(); i++) {
            Segment s = plan.get(i);
            assertThat(s.index()).isEqualTo(i);
            assertThat(s.count()).isEqualTo(plan.size());
            assertThat(s.range().offset()).as("no gap or overlap at %d", i).isEqualTo(expectedOffset);
            assertThat(s.range().length()).isPositive().isLessThanOrEqualTo(article);
            if (i < plan.size() - 1) {
                assertThat(s.range().length()).isEqualTo(article);
            }
            expectedOffset = s.range().end();
        }
        assertThat(expectedOffset).isEqualTo(size);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void coversEveryByteOnceWithoutGapsOrOverlaps(long seed) {
        System.out.println("SegmentPlannerTest seed=" + seed);
        Random random = new Random(seed);
        int article = 1 + random.nextInt(random.nextBoolean() ? 100 : 2_000_000);
        long size = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(article * 3 + 2);
            case 1 -> (long) article * random.nextInt(50) + random.nextInt(3) - 1;
            default -> (long) (random.nextDouble() * 1_000_000 * article);
        };
        size = Math.max(0, size);
        List<Segment> plan = SegmentPlanner.plan(BlobKind.FILE, 5, size, article);
        assertThat(plan.size()).isEqualTo(SegmentPlanner.segmentCount(size, article));
        if (plan.size() <= 20_000) {
            assertCovers(plan, size, article);
        } else {
            Segment last = plan.get(plan.size() - 1);
            assertThat(last.range().end()).isEqualTo(size);
            assertThat(last.last()).isTrue();
        }
    }

    @Test
    void handlesTheEdgeSizes() {
        assertThat(SegmentPlanner.plan(BlobKind.FILE, 0, 0, ARTICLE)).isEmpty();
        for (long size : new long[] {1, ARTICLE - 1, ARTICLE, ARTICLE + 1, 2L * ARTICLE, 3L << 30}) {
            List<Segment> plan = SegmentPlanner.plan(BlobKind.PACK, 2, size, ARTICLE);
            assertCovers(plan, size, ARTICLE);
            assertThat(plan).allMatch(s -> s.kind() == BlobKind.PACK && s.blobIndex() == 2);
        }
        assertThat(SegmentPlanner.plan(BlobKind.FILE, 0, ARTICLE + 1, ARTICLE)).hasSize(2);
        assertThat(SegmentPlanner.plan(BlobKind.FILE, 0, ARTICLE, ARTICLE)).hasSize(1);
        List<Segment> big = SegmentPlanner.plan(BlobKind.FILE, 0, 5L << 30, ARTICLE);
        assertThat(big.get(big.size() - 1).range().end()).isEqualTo(5L << 30);
    }

    @Test
    void rejectsAPlanNeedingMoreThanIntSegments() {
        assertThatThrownBy(() -> SegmentPlanner.plan(BlobKind.FILE, 0, Long.MAX_VALUE, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("larger article size");
    }
}
