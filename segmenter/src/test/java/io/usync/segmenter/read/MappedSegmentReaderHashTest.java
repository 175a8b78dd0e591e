package io.usync.segmenter.read;

import io.usync.core.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The file reader's SHA-256, computed from the segment copies on a thread of its own, is the file's hash whatever the pace of the slices. */
class MappedSegmentReaderHashTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void hashesEveryCopyInOrderWhateverOrderTheSlicesAreClosedIn(long seed, @TempDir Path root) throws Exception {
        System.out.println("MappedSegmentReaderHashTest seed " + seed);
        Random random = new Random(seed);
        int article = 1 + random.nextInt(3000);
        byte[] content = new byte[random.nextInt(20 * article + 1)];
        random.nextBytes(content);
        Files.write(root.resolve("f"), content);
        SourceFile file = new SourceFile("f", content.length, Files.getLastModifiedTime(root.resolve("f")).toMillis());
        ReaderOptions options = new ReaderOptions(article, article * (1L + random.nextInt(4)), random.nextInt(3),
                1 + random.nextInt(3));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        ArrayDeque<SegmentSlice> open = new ArrayDeque<>();
        try (BlobReader reader = new MappedSegmentReader(root, file, 0, options)) {
            ReadStep step;
            while ((step = reader.next()) instanceof ReadStep.Next(SegmentSlice slice)) {
                joined.writeBytes(bytes(slice.data()));
                open.add(slice);
                while (!open.isEmpty() && random.nextBoolean()) {
                    (random.nextBoolean() ? open.pollFirst() : open.pollLast()).close();
                }
            }
            open.forEach(SegmentSlice::close);
            assertThat(step).isEqualTo(new ReadStep.Done(MessageDigest.getInstance("SHA-256").digest(content), List.of()));
        }
        assertThat(joined.toByteArray()).isEqualTo(content);
    }

    @Test
    void slicesHeldOpenKeepTheirBytesWhileLaterCopiesAreHashedAndReused(@TempDir Path root) throws Exception {
        byte[] content = new byte[50_000];
        new Random(9).nextBytes(content);
        Files.write(root.resolve("g"), content);
        SourceFile file = new SourceFile("g", content.length, Files.getLastModifiedTime(root.resolve("g")).toMillis());
        List<SegmentSlice> held = new ArrayList<>();
        try (BlobReader reader = new MappedSegmentReader(root, file, 0, new ReaderOptions(1000, 4000, 1, 1))) {
            ReadStep step;
            int n = 0;
            while ((step = reader.next()) instanceof ReadStep.Next(SegmentSlice slice)) {
                if (n++ % 2 == 0) {
                    held.add(slice);
                } else {
                    slice.close();
                }
            }
            assertThat(step).isInstanceOf(ReadStep.Done.class);
        }
        for (SegmentSlice slice : held) {
            int from = (int) slice.segment().range().offset();
            byte[] expected = java.util.Arrays.copyOfRange(content, from, from + (int) slice.segment().range().length());
            assertThat(bytes(slice.data())).isEqualTo(expected);
            slice.close();
        }
    }

    @Test
    void aReaderClosedHalfwayStopsHashingAndCanBeClosedAgain(@TempDir Path root) throws Exception {
        byte[] content = new byte[30_000];
        Files.write(root.resolve("h"), content);
        SourceFile file = new SourceFile("h", content.length, Files.getLastModifiedTime(root.resolve("h")).toMillis());
        BlobReader reader = new MappedSegmentReader(root, file, 0, new ReaderOptions(1000, 4000, 1, 1));
        for (int i = 0; i < 5; i++) {
            assertThat(reader.next()).isInstanceOf(ReadStep.Next.class);
        }
        reader.close();
        reader.close();
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        return b;
    }
}
