package io.usync.download.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningDigestTest {

    @TempDir
    Path dir;

    @RepeatedTest(5)
    void hashesPiecesWrittenInAnyOrderLikeTheWholeFile() throws IOException {
        long seed = System.nanoTime();
        System.out.println("RunningDigestTest seed " + seed);
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
        try (PartFile part = PartFile.open(dir.resolve("f"), content.length)) {
            for (int[] p : pieces) {
                ByteBuffer data = ByteBuffer.wrap(content, p[0], p[1]);
                ByteBuffer copy = data.duplicate();
                part.write(data, p[0]);
                digest.written(copy, p[0], part);
            }
        }
        assertThat(digest.complete(content.length)).hasValueSatisfying(d -> {
            try {
                assertThat(d).isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void tracksTheWrittenPrefixWithoutHashingWhenNotAskedTo() throws IOException {
        RunningDigest prefix = new RunningDigest(false);
        try (PartFile part = PartFile.open(dir.resolve("p"), 10)) {
            // A file nobody reads back: a range written ahead is never read from the file.
            part.close();
            assertThat(prefix.written(ByteBuffer.wrap(new byte[3]), 4, part)).isZero();
            assertThat(prefix.written(ByteBuffer.wrap(new byte[2]), 0, part)).isEqualTo(2);
            assertThat(prefix.written(ByteBuffer.wrap(new byte[2]), 2, part)).as("joins the range written ahead").isEqualTo(7);
            assertThat(prefix.written(ByteBuffer.wrap(new byte[3]), 7, part)).isEqualTo(10);
        }
        assertThat(prefix.complete(10)).as("no digest without hashing").isEmpty();
    }

    @Test
    void aRangeWrittenTwiceGivesNoDigestSoTheFileIsReadBack() throws IOException {
        RunningDigest digest = new RunningDigest(true);
        try (PartFile part = PartFile.open(dir.resolve("g"), 4)) {
            part.write(ByteBuffer.wrap(new byte[] {1, 2}), 0);
            digest.written(ByteBuffer.wrap(new byte[] {1, 2}), 0, part);
            digest.written(ByteBuffer.wrap(new byte[] {1, 2}), 0, part);
            digest.written(ByteBuffer.wrap(new byte[] {3, 4}), 2, part);
        }
        assertThat(digest.complete(4)).isEmpty();
    }
}
