package io.usync.download.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    void letsTheReleasablePagesThatAreOnTheDeviceLeaveThePageCache() throws Exception {
        assumeTrue(!"tmpfs".equals(Files.getFileStore(dir).type()), "tmpfs pages cannot leave the page cache");
        Path file = dir.resolve("cached");
        long size = 2 * EarlyWriteback.STRIDE;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
            for (long at = 0; at < size; at += chunk.capacity()) {
                chunk.clear();
                channel.write(chunk, at);
            }
            channel.force(false);
        }
        OptionalLong before = residentBytes(file);
        assumeTrue(before.isPresent() && before.getAsLong() == size, "no fincore here, or the file is not cached");
        Optional<EarlyWriteback> opened = EarlyWriteback.of(file);
        assumeTrue(opened.isPresent(), "no sync_file_range here");
        try (EarlyWriteback writeback = opened.get()) {
            assertThat(writeback.written(EarlyWriteback.STRIDE)).isTrue();
            assertThat(writeback.released()).as("nothing releasable yet").isZero();
            assertThat(residentBytes(file)).hasValue(size);
            long releasable = EarlyWriteback.STRIDE + 12345;
            writeback.releasable(releasable);
            writeback.releasable(100);
            assertThat(writeback.written(EarlyWriteback.STRIDE)).isTrue();
            assertThat(writeback.released()).isEqualTo(1);
            // Whole pages (or page-cache folios, up to 2 MiB) only: the one the releasable end falls in stays.
            assertThat(residentBytes(file).orElseThrow()).isBetween(size - releasable, size - releasable + (2 << 20));
        }
        assertThat(Files.size(file)).isEqualTo(size);
    }

    /** The bytes of {@code file} in the page cache, by util-linux's fincore; empty where it cannot tell. */
    private static OptionalLong residentBytes(Path file) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("fincore", "--bytes", "--noheadings", "--output", "RES", file.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        String out = new String(process.getInputStream().readAllBytes()).trim();
        return process.waitFor() == 0 && out.matches("\\d+") ? OptionalLong.of(Long.parseLong(out)) : OptionalLong.empty();
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
            // Everything written so far may leave the page cache: the commit keeps every byte anyway.
            part.releaseCacheBelow(Math.min(content.length, at + piece));
        }
        part.commit(OptionalLong.empty());
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
    }
}
