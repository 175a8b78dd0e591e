package io.usync.segmenter.yenc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The native library cache keeps the current build, recent builds and foreign folders, and drops old builds. */
class NativeLibraryCacheTest {

    private static Path build(Path root, String hash, Instant written) throws Exception {
        Path dir = Files.createDirectories(root.resolve(hash));
        Files.write(dir.resolve("libusync-yenc.so"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(dir, FileTime.from(written));
        return dir;
    }

    @Test
    void removesOtherBuildsWrittenBeforeTheCutOffOnly(@TempDir Path root) throws Exception {
        Instant now = Instant.now();
        Instant cutOff = now.minus(NativeYenc.STALE_AFTER);
        Path current = build(root, "aaaaaaaaaaaaaaaaaaaaaaaa", now.minusSeconds(86_400 * 30));
        Path old = build(root, "0123456789abcdef01234567", cutOff.minusSeconds(60));
        Path recent = build(root, "fedcba9876543210fedcba98", cutOff.plusSeconds(60));
        Path foreign = build(root, "not-a-build", cutOff.minusSeconds(86_400));

        NativeYenc.removeStale(root, "aaaaaaaaaaaaaaaaaaaaaaaa", cutOff);

        assertThat(old).doesNotExist();
        assertThat(current.resolve("libusync-yenc.so")).exists();
        assertThat(recent.resolve("libusync-yenc.so")).exists();
        assertThat(foreign.resolve("libusync-yenc.so")).exists();
    }

    @Test
    void aMissingCacheFolderIsNotAnError(@TempDir Path root) {
        NativeYenc.removeStale(root.resolve("absent"), "aaaaaaaaaaaaaaaaaaaaaaaa", Instant.now());
        assertThat(root.resolve("absent")).doesNotExist();
    }
}
