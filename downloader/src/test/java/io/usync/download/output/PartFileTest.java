package io.usync.download.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartFileTest {

    @TempDir
    Path dir;

    @Test
    void writesAtOffsetsOutOfOrderThenCommitsWithTheMtime() throws IOException {
        Path target = dir.resolve("sub/file.bin");
        try (PartFile part = PartFile.open(target, 10)) {
            part.write(ByteBuffer.wrap(new byte[] {6, 7, 8, 9, 10}), 5);
            part.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}), 0);
            assertThat(target).doesNotExist();
            part.commit(OptionalLong.of(1_500_000_000_000L));
        }
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(Files.getLastModifiedTime(target).toMillis()).isEqualTo(1_500_000_000_000L);
        assertThat(PartFile.partPathOf(target)).doesNotExist();
    }

    @Test
    void refusesWritesOutsideTheFileAndKeepsEarlierBytesOnReopen() throws IOException {
        Path target = dir.resolve("f");
        try (PartFile part = PartFile.open(target, 4)) {
            assertThatThrownBy(() -> part.write(ByteBuffer.wrap(new byte[3]), 2)).isInstanceOf(IOException.class);
            part.write(ByteBuffer.wrap(new byte[] {9}), 1);
        }
        try (PartFile again = PartFile.open(target, 4)) {
            assertThat(Files.readAllBytes(again.partPath())).startsWith(0, 9);
            again.commit(OptionalLong.of(1_500_000_000_000L));
        }
        assertThat(Files.readAllBytes(target)).containsExactly(0, 9, 0, 0);
    }

    @Test
    void commitsWithoutAnMtimeKeepingTheTimeItWasWritten() throws IOException {
        Path target = dir.resolve("plain.bin");
        long before = System.currentTimeMillis() - 2_000;
        try (PartFile part = PartFile.open(target, 3)) {
            part.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
            part.commit(OptionalLong.empty());
        }
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        assertThat(Files.getLastModifiedTime(target).toMillis()).isBetween(before, System.currentTimeMillis() + 2_000);
        assertThat(PartFile.partPathOf(target)).doesNotExist();
    }
}
