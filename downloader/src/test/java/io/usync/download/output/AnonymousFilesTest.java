package io.usync.download.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnonymousFilesTest {

    @TempDir
    Path dir;

    private AnonymousFiles files;

    @BeforeEach
    void unnamedFilesExistHere() throws IOException {
        Optional<AnonymousFiles> found = AnonymousFiles.ofThisSystem();
        assumeTrue(found.isPresent(), "no O_TMPFILE on this system (Linux x86-64 only)");
        files = found.get();
        Path probe = Files.createDirectories(dir.resolve("probe"));
        Optional<AnonymousFile> file = files.create(probe, ByteBuffer.wrap(new byte[] {1}));
        assumeTrue(file.isPresent(), "this file system has no unnamed files");
        file.get().close();
    }

    @Test
    void aVerifiedOneArticleFileIsNamedOnlyAtCommitAndLeavesNoPartFile() throws IOException {
        byte[] bytes = "hello, unnamed file".getBytes();
        Path target = dir.resolve("new-folder/f.txt");
        OutputTarget out = target(target, bytes, Optional.of(sha256(bytes)));
        out.write(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip(), 0, bytes.length, SegmentKeeper.NONE);
        checked(out, bytes);
        assertThat(target).doesNotExist();
        assertThat(out.articleSettled()).isTrue();
        assertThat(out.finish()).isInstanceOf(TargetResult.Completed.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(target).toMillis()).isEqualTo(1_600_000_000_000L);
        assertThat(PartFile.partPathOf(target)).doesNotExist();
    }

    @Test
    void aFileFailingItsHashLeavesNothingBehind() throws IOException {
        byte[] bytes = "tampered".getBytes();
        Path target = dir.resolve("f.bin");
        OutputTarget out = target(target, bytes, Optional.of(sha256("other".getBytes())));
        out.write(ByteBuffer.wrap(bytes), 0, bytes.length, SegmentKeeper.NONE);
        checked(out, bytes);
        out.articleSettled();
        assertThat(out.finish()).isInstanceOf(TargetResult.Failed.class);
        try (var listing = Files.list(dir)) {
            assertThat(listing.filter(p -> !p.getFileName().toString().equals("probe"))).isEmpty();
        }
    }

    @Test
    void anExistingFileOfTheSameNameIsReplaced() throws IOException {
        byte[] bytes = "new content".getBytes();
        Path target = dir.resolve("f.bin");
        Files.writeString(target, "old");
        Files.writeString(PartFile.partPathOf(target), "left by an earlier run");
        OutputTarget out = target(target, bytes, Optional.empty());
        out.write(ByteBuffer.wrap(bytes), 0, bytes.length, SegmentKeeper.NONE);
        checked(out, bytes);
        out.articleSettled();
        assertThat(out.finish()).isInstanceOf(TargetResult.Completed.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        assertThat(PartFile.partPathOf(target)).doesNotExist();
    }

    @Test
    void anInterruptedDownloadLeavesNoFile() throws IOException {
        byte[] bytes = "never named".getBytes();
        Path target = dir.resolve("f.bin");
        OutputTarget out = target(target, bytes, Optional.empty());
        out.write(ByteBuffer.wrap(bytes), 0, bytes.length, SegmentKeeper.NONE);
        out.closePart();
        try (var listing = Files.list(dir)) {
            assertThat(listing.filter(p -> !p.getFileName().toString().equals("probe"))).isEmpty();
        }
    }

    @Test
    void aFileOfSeveralArticlesStillUsesAPartFile() throws IOException {
        Path target = dir.resolve("f.bin");
        OutputTarget out = new OutputTarget(new TargetSpec(1, "f.bin", target, 4, OptionalLong.empty(),
                Optional.empty(), 1), 2);
        out.offerAnonymous(files);
        out.write(ByteBuffer.wrap(new byte[] {1, 2}), 0, 4, SegmentKeeper.NONE);
        assertThat(PartFile.partPathOf(target)).exists();
        out.closePart();
    }

    private OutputTarget target(Path target, byte[] bytes, Optional<byte[]> sha) {
        OutputTarget out = new OutputTarget(new TargetSpec(1, target.getFileName().toString(), target, bytes.length,
                OptionalLong.of(1_600_000_000_000L), sha, 1), 1);
        out.offerAnonymous(files);
        return out;
    }

    private static void checked(OutputTarget out, byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        out.partChecked(0, bytes.length, (int) crc.getValue(), OptionalInt.empty());
    }

    private static byte[] sha256(byte[] bytes) {
        MessageDigest sha = PartFile.newSha256();
        return sha.digest(bytes);
    }
}
