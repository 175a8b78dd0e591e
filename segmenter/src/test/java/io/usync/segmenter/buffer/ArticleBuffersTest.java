package io.usync.segmenter.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleBuffersTest {

    private final ArticleBuffers buffers = new ArticleBuffers(ByteBufAllocator.DEFAULT, 4L << 20);

    @Test
    void aReleasedBufferIsTheNextOneOfItsSizeClass() {
        ByteBuf first = buffers.directBuffer(716_800, 716_800);
        long address = first.memoryAddress();
        first.writeBytes(new byte[] {1, 2, 3});
        first.release();
        assertThat(buffers.keptBytes()).isEqualTo(11L * ArticleBuffers.GRAIN);

        ByteBuf again = buffers.directBuffer(716_829, 716_829);

        assertThat(again.memoryAddress()).isEqualTo(address);
        assertThat(again.capacity()).isEqualTo(716_829);
        assertThat(again.maxCapacity()).isEqualTo(716_829);
        assertThat(again.readableBytes()).isZero();
        assertThat(buffers.keptBytes()).isZero();
        again.release();
    }

    @Test
    void keepsNoMoreThanItsBoundAndServesEveryRequestWhateverItKeeps() {
        List<ByteBuf> live = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ByteBuf b = buffers.directBuffer(1 << 20, 1 << 20);
            b.setByte((1 << 20) - 1, i);
            live.add(b);
        }
        assertThat(live.stream().map(ByteBuf::memoryAddress).distinct()).hasSize(10);
        live.forEach(ByteBuf::release);

        assertThat(buffers.keptBytes()).isEqualTo(4L << 20);
    }

    @Test
    void tinyOrGrowableRequestsComeFromTheFallback() {
        ByteBuf small = buffers.directBuffer(ArticleBuffers.MIN_KEPT - 1, ArticleBuffers.MIN_KEPT - 1);
        ByteBuf growable = buffers.directBuffer(1 << 20);
        ByteBuf heap = buffers.heapBuffer(100_000, 100_000);
        small.release();
        growable.release();
        heap.release();

        assertThat(heap.hasArray()).isTrue();
        assertThat(buffers.keptBytes()).isZero();
    }

    @Test
    void sizesOfOneClassShareTheirBuffersAndOtherClassesDoNot() {
        ByteBuf a = buffers.directBuffer(ArticleBuffers.GRAIN * 3, ArticleBuffers.GRAIN * 3);
        long address = a.memoryAddress();
        a.release();
        ByteBuf larger = buffers.directBuffer(ArticleBuffers.GRAIN * 3 + 1, ArticleBuffers.GRAIN * 3 + 1);
        ByteBuf same = buffers.directBuffer(ArticleBuffers.GRAIN * 2 + 1, ArticleBuffers.GRAIN * 2 + 1);

        assertThat(larger.memoryAddress()).isNotEqualTo(address);
        assertThat(same.memoryAddress()).isEqualTo(address);
        larger.release();
        same.release();
    }

    @Test
    void smallSizesHaveClassesOfTheirOwn() {
        int twoGrains = 2 * ArticleBuffers.SMALL_GRAIN;
        ByteBuf small = buffers.directBuffer(twoGrains, twoGrains);
        long address = small.memoryAddress();
        small.release();
        assertThat(buffers.keptBytes()).isEqualTo(twoGrains);

        ByteBuf next = buffers.directBuffer(twoGrains + 1, twoGrains + 1);
        ByteBuf same = buffers.directBuffer(twoGrains - 100, twoGrains - 100);

        assertThat(next.memoryAddress()).isNotEqualTo(address);
        assertThat(same.memoryAddress()).isEqualTo(address);
        next.release();
        same.release();
        assertThat(buffers.keptBytes()).isEqualTo(5L * ArticleBuffers.SMALL_GRAIN);
    }
}
