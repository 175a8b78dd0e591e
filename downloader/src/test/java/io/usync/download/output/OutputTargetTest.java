package io.usync.download.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Articles whose bytes do not fit their file are refused as values; the file stays writable. */
class OutputTargetTest {

    @TempDir
    Path dir;

    private OutputTarget target(long size, int articles) {
        return new OutputTarget(new TargetSpec(0, "f.bin", dir.resolve("f.bin"), size, OptionalLong.empty(),
                Optional.empty(), 0), articles);
    }

    @Test
    void anArticleClaimingAnotherFileSizeIsRefusedWithoutWriting() throws IOException {
        OutputTarget target = target(-1, 2);
        assertThat(target.write(ByteBuffer.wrap(new byte[] {1, 2}), 0, 4, SegmentKeeper.NONE)).isEmpty();
        assertThat(target.write(ByteBuffer.wrap(new byte[] {3, 4}), 2, 9, SegmentKeeper.NONE))
                .hasValueSatisfying(why -> assertThat(why).contains("claims 9 bytes for f.bin, expected 4"));
        assertThat(target.write(ByteBuffer.wrap(new byte[] {3, 4}), 2, 4, SegmentKeeper.NONE)).isEmpty();
        assertThat(target.finish()).isEqualTo(new TargetResult.Completed(4));
        assertThat(Files.readAllBytes(dir.resolve("f.bin"))).containsExactly(1, 2, 3, 4);
    }

    @Test
    void anArticleOutsideTheFileIsRefusedWithoutWriting() throws IOException {
        OutputTarget target = target(4, 2);
        assertThat(target.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 2, 4, SegmentKeeper.NONE))
                .hasValueSatisfying(why -> assertThat(why).contains("outside f.bin"));
        assertThat(target.misfit(-1, 1, 4)).isPresent();
        assertThat(PartFile.partPathOf(dir.resolve("f.bin"))).doesNotExist();
    }

    @Test
    void aSecondArticleForAFileOneArticleFillsIsRefused() throws IOException {
        Optional<AnonymousFiles> files = AnonymousFiles.ofThisSystem();
        assumeTrue(files.isPresent(), "no O_TMPFILE on this system (Linux x86-64 only)");
        Optional<AnonymousFile> probe = files.get().create(dir, ByteBuffer.wrap(new byte[] {1}));
        assumeTrue(probe.isPresent(), "this file system has no unnamed files");
        probe.get().close();
        OutputTarget target = target(3, 1);
        target.offerAnonymous(files.get());
        assertThat(target.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0, 3, SegmentKeeper.NONE)).isEmpty();
        assertThat(target.write(ByteBuffer.wrap(new byte[] {9, 9, 9}), 0, 3, SegmentKeeper.NONE))
                .hasValueSatisfying(why -> assertThat(why).contains("one article fills"));
        target.articleSettled();
        assertThat(target.finish()).isEqualTo(new TargetResult.Completed(3));
        assertThat(Files.readAllBytes(dir.resolve("f.bin"))).containsExactly(1, 2, 3);
    }
}
