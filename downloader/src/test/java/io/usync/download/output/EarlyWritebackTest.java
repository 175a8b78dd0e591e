package io.usync.download.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyWritebackTest {

    @TempDir
    Path dir;

    @Test
    void startsAWriteOutAtEveryStrideOfBytesWrittenAndNeverAfterClose() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        Optional<EarlyWriteback> opened = EarlyWriteback.of(file);
        assumeTrue(opened.isPresent(), "no sync_file_range here");
        try (EarlyWriteback writeback = opened.get()) {
            assertThat(writeback.written(EarlyWriteback.STRIDE - 1)).isFalse();
            assertThat(writeback.written(1)).as("the system call succeeded").isTrue();
            assertThat(writeback.written(EarlyWriteback.STRIDE / 2)).isFalse();
            assertThat(writeback.written(EarlyWriteback.STRIDE)).isTrue();
            assertThat(writeback.started()).isEqualTo(2);
            writeback.close();
            writeback.close();
            assertThat(writeback.written(2 * EarlyWriteback.STRIDE)).isFalse();
            assertThat(writeback.started()).isEqualTo(2);
        }
    }

    @Test
    void aLinkIsNotOpened() throws IOException {
        Path target = Files.writeString(dir.resolve("target"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertThat(EarlyWriteback.of(link)).isEmpty();
        assertThat(EarlyWriteback.of(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void aLargePartFileWrittenInPiecesIsCommittedWithEveryByte() throws IOException {
        long seed = 42;
        Random random = new Random(seed);
        int piece = 3 << 20;
        int pieces = (int) (EarlyWriteback.STRIDE / piece) * 2 + 3;
        byte[] content = new byte[piece * pieces - 12345];
        random.nextBytes(content);
        Path target = dir.resolve("big.bin");
        PartFile part = PartFile.open(target, content.length);
        for (int at = 0; at < content.length; at += piece) {
            part.write(ByteBuffer.wrap(content, at, Math.min(piece, content.length - at)), at);
        }
        part.commit(OptionalLong.empty());
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
    }
}
