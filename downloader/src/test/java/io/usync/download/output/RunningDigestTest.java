package io.usync.download.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunningDigestTest {

    @TempDir
    Path dir;

    /** Seeds, each with a keeper that keeps nothing, at most two ranges at once, or every range. */
    static Stream<Arguments> seedsAndKeepers() {
        return LongStream.rangeClosed(1, 6).boxed()
                .flatMap(seed -> IntStream.of(0, 2, Integer.MAX_VALUE).mapToObj(limit -> Arguments.of(seed, limit)));
    }

    @ParameterizedTest
    @MethodSource("seedsAndKeepers")
    void hashesPiecesWrittenInAnyOrderLikeTheWholeFile(long seed, int limit) throws Exception {
        Random r = new Random(seed);
        byte[] content = new byte[50_000 + r.nextInt(50_000)];
        r.nextBytes(content);
        List<int[]> pieces = new ArrayList<>();
        for (int at = 0; at < content.length; ) {
            int len = Math.min(content.length - at, 1 + r.nextInt(7000));
            pieces.add(new int[] {at, len});
            at += len;
        }
        for (int i = 0; i < pieces.size(); i++) {
            int j = Math.min(pieces.size() - 1, i + r.nextInt(4));
            Collections.swap(pieces, i, j);
        }
        RunningDigest digest = new RunningDigest(true);
        CountingKeeper keeper = new CountingKeeper(limit);
        try (PartFile part = PartFile.open(dir.resolve("f"), content.length)) {
            for (int[] p : pieces) {
                part.write(ByteBuffer.wrap(content, p[0], p[1]), p[0]);
            }
            if (limit == Integer.MAX_VALUE) {
                // Every range written ahead is kept: none is read back, so the file may be closed.
                part.close();
            }
            for (int[] p : pieces) {
                digest.written(ByteBuffer.wrap(content, p[0], p[1]), p[0], part, keeper);
            }
        }
        assertThat(digest.complete(content.length)).hasValue(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(keeper.live).as("every kept range let go once hashed").isZero();
        assertThat(keeper.maxLive).isLessThanOrEqualTo(limit);
        if (limit > 0) {
            assertThat(keeper.kept).as("seed " + seed + " wrote ranges ahead").isPositive();
        }
    }

    @Test
    void discardingLetsGoOfEveryKeptRange() throws IOException {
        RunningDigest digest = new RunningDigest(true);
        CountingKeeper keeper = new CountingKeeper(Integer.MAX_VALUE);
        try (PartFile part = PartFile.open(dir.resolve("d"), 9)) {
            part.close();
            assertThat(digest.written(ByteBuffer.wrap(new byte[3]), 3, part, keeper)).isZero();
            assertThat(digest.written(ByteBuffer.wrap(new byte[3]), 6, part, keeper)).isZero();
            assertThat(keeper.live).isEqualTo(2);
            digest.discard();
        }
        assertThat(keeper.live).isZero();
        assertThat(digest.complete(9)).isEmpty();
    }

    /** Keeps up to {@code limit} ranges at once and checks that each is let go exactly once. */
    private static final class CountingKeeper implements SegmentKeeper {
        private final int limit;
        int live;
        int maxLive;
        int kept;

        CountingKeeper(int limit) {
            this.limit = limit;
        }

        @Override
        public Optional<Runnable> keep() {
            if (live >= limit) {
                return Optional.empty();
            }
            live++;
            kept++;
            maxLive = Math.max(maxLive, live);
            AtomicBoolean released = new AtomicBoolean();
            return Optional.of(() -> {
                assertThat(released.getAndSet(true)).as("let go twice").isFalse();
                live--;
            });
        }
    }

    @Test
    void tracksTheWrittenPrefixWithoutHashingWhenNotAskedTo() throws IOException {
        RunningDigest prefix = new RunningDigest(false);
        try (PartFile part = PartFile.open(dir.resolve("p"), 10)) {
            // A file nobody reads back: a range written ahead is never read from the file.
            part.close();
            assertThat(prefix.written(ByteBuffer.wrap(new byte[3]), 4, part, SegmentKeeper.NONE)).isZero();
            assertThat(prefix.written(ByteBuffer.wrap(new byte[2]), 0, part, SegmentKeeper.NONE)).isEqualTo(2);
            assertThat(prefix.written(ByteBuffer.wrap(new byte[2]), 2, part, SegmentKeeper.NONE)).as("joins the range written ahead").isEqualTo(7);
            assertThat(prefix.written(ByteBuffer.wrap(new byte[3]), 7, part, SegmentKeeper.NONE)).isEqualTo(10);
        }
        assertThat(prefix.complete(10)).as("no digest without hashing").isEmpty();
    }

    @Test
    void aRangeWrittenTwiceGivesNoDigestSoTheFileIsReadBack() throws IOException {
        RunningDigest digest = new RunningDigest(true);
        try (PartFile part = PartFile.open(dir.resolve("g"), 4)) {
            part.write(ByteBuffer.wrap(new byte[] {1, 2}), 0);
            digest.written(ByteBuffer.wrap(new byte[] {1, 2}), 0, part, SegmentKeeper.NONE);
            digest.written(ByteBuffer.wrap(new byte[] {1, 2}), 0, part, SegmentKeeper.NONE);
            digest.written(ByteBuffer.wrap(new byte[] {3, 4}), 2, part, SegmentKeeper.NONE);
        }
        assertThat(digest.complete(4)).isEmpty();
    }
}
