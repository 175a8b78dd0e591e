package io.usync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.SourceFile;
import io.usync.segmenter.scan.DirectoryScanner;
import io.usync.segmenter.scan.ScanOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareableTreeTest {

    @TempDir
    Path dir;

    private ShareableTree scan() throws Exception {
        return ShareableTree.of(new DirectoryScanner(ScanOptions.defaults()).scan(dir));
    }

    @Test
    void namesWithControlCharactersAreReportedAndLeftOutBeforeAnythingIsPlanned() throws Exception {
        Files.writeString(dir.resolve("ctl\u0001name.bin"), "x");
        Files.writeString(dir.resolve("good.bin"), "yy");
        Files.createDirectories(dir.resolve("empty\u0002dir"));
        Files.createDirectories(dir.resolve("kept/empty"));
        ShareableTree tree = scan();
        assertThat(tree.files()).extracting(SourceFile::path).containsExactly("good.bin");
        assertThat(tree.totalBytes()).isEqualTo(2);
        assertThat(tree.emptyDirectories()).containsExactly("kept/empty");
        assertThat(tree.refused()).hasSize(2)
                .anyMatch(p -> p.contains("ctl?name.bin"))
                .anyMatch(p -> p.contains("empty?dir"))
                .allMatch(p -> p.chars().noneMatch(c -> c < 0x20 || c == 0x7f));
    }

    @Test
    void leavesOutADownloadsStateFolderAndUnfinishedPartFilesWithOneLineEach() throws Exception {
        Files.createDirectories(dir.resolve(".usync"));
        Files.writeString(dir.resolve(".usync/resume-1.log"), "state");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/movie.mkv.usync-part"), "half");
        Files.writeString(dir.resolve("sub/movie.txt"), "kept");
        Files.writeString(dir.resolve(".usyncrc"), "kept too");

        ShareableTree tree = scan();

        assertThat(tree.files()).extracting(SourceFile::path).containsExactlyInAnyOrder("sub/movie.txt", ".usyncrc");
        assertThat(tree.refused()).hasSize(2).allMatch(p -> p.contains("a download's unfinished state"))
                .anyMatch(p -> p.contains(".usync/resume-1.log")).anyMatch(p -> p.contains("movie.mkv.usync-part"));
    }

    @Test
    void keepsTheScannedListWhenEveryNameFits() throws Exception {
        Files.writeString(dir.resolve("\u00fcn\u00efc\u00f6de \u65e5\u672c.txt"), "z");
        Files.createDirectories(dir.resolve("a b"));
        Files.writeString(dir.resolve("a b/c.bin"), "zz");
        ShareableTree tree = scan();
        assertThat(tree.files()).hasSize(2);
        assertThat(tree.refused()).isEmpty();
    }

    @Test
    void refusesWhatTheManifestRuleRefusesAndAcceptsTheRest() {
        assertThat(ShareableTree.refusal("a/b\u007f.txt")).isPresent();
        assertThat(ShareableTree.refusal("x".repeat(5000))).get().asString().contains("5000 bytes");
        assertThat(ShareableTree.refusal("dir/CON.txt")).isEmpty();
    }
}
