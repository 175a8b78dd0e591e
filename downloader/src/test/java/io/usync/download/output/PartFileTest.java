package io.usync.download.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void aLargeNewPartFileHasItsBlocksAllocatedAndASmallerOneIsSparse() throws Exception {
        assumeTrue(List.of("ext4", "xfs", "btrfs", "tmpfs").contains(Files.getFileStore(dir).type()),
                "a file system whose fallocate this test knows");
        long large = EarlyWriteback.STRIDE + (8 << 20);
        Path target = dir.resolve("large.bin");
        try (PartFile part = PartFile.open(target, large)) {
            assertThat(Files.size(part.partPath())).isEqualTo(large);
            assertThat(allocatedBytes(part.partPath())).as("allocated up front").isGreaterThanOrEqualTo(large);
            part.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), large - 3);
            part.commit(OptionalLong.empty());
        }
        try (FileChannel channel = FileChannel.open(target)) {
            ByteBuffer tail = ByteBuffer.allocate(8);
            channel.read(tail, large - 8);
            assertThat(tail.array()).containsExactly(0, 0, 0, 0, 0, 1, 2, 3);
        }
        Path smaller = dir.resolve("smaller.bin");
        try (PartFile part = PartFile.open(smaller, 4 << 20)) {
            assertThat(Files.size(part.partPath())).isEqualTo(4 << 20);
            assertThat(allocatedBytes(part.partPath())).as("sized sparsely").isLessThan(1 << 20);
        }
    }

    /** The bytes the file system allocated to {@code file} (coreutils stat: 512-byte blocks). */
    private static long allocatedBytes(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("stat", "-c", "%b", file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(process.waitFor()).as(out).isZero();
        return Long.parseLong(out) * 512;
    }
}
