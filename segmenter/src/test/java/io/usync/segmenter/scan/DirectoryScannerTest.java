package io.usync.segmenter.scan;

import io.usync.core.SourceFile;
import io.usync.segmenter.SegmenterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryScannerTest {

    private final DirectoryScanner scanner = new DirectoryScanner(ScanOptions.defaults());

    private static void write(Path p, int size) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[size]);
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_700_000_000_000L + size));
    }

    @Test
    void listsFilesDepthFirstInNameOrderWithRelativePathsSizesAndMtimes(@TempDir Path root) throws IOException {
        write(root.resolve("b.txt"), 3);
        write(root.resolve("a/z.bin"), 10);
        write(root.resolve("a/c/d.bin"), 0);
        write(root.resolve("a.txt"), 5);
        ScanResult result = scanner.scan(root);
        assertThat(result.files()).containsExactly(
                new SourceFile("a/c/d.bin", 0, 1_700_000_000_000L),
                new SourceFile("a/z.bin", 10, 1_700_000_000_010L),
                new SourceFile("a.txt", 5, 1_700_000_000_005L),
                new SourceFile("b.txt", 3, 1_700_000_000_003L));
        assertThat(result.skipped()).isEmpty();
        assertThat(scanner.scan(root)).isEqualTo(result);
    }

    @Test
    void keepsEmptyDirectoriesAndSkipsLinksWithoutFollowingThem(@TempDir Path root, @TempDir Path outside) throws IOException {
        write(outside.resolve("secret"), 7);
        Files.createDirectories(root.resolve("empty/inner"));
        write(root.resolve("f"), 1);
        Files.createSymbolicLink(root.resolve("link-out"), outside);
        Files.createSymbolicLink(root.resolve("link-file"), root.resolve("f"));
        ScanResult result = scanner.scan(root);
        assertThat(result.files()).extracting(SourceFile::path).containsExactly("f");
        assertThat(result.emptyDirectories()).containsExactly("empty/inner");
        assertThat(result.skipped()).extracting(SkippedEntry::path, SkippedEntry::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("link-file", SkippedEntry.Reason.SYMLINK),
                org.assertj.core.groups.Tuple.tuple("link-out", SkippedEntry.Reason.SYMLINK));
    }

    @Test
    void skipsSocketsAndFifosAsSpecialFiles(@TempDir Path root) throws Exception {
        Path socket = root.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start();
            assertThat(mkfifo.waitFor()).isZero();
            ScanResult result = scanner.scan(root);
            assertThat(result.files()).isEmpty();
            assertThat(result.skipped()).extracting(SkippedEntry::reason)
                    .containsExactly(SkippedEntry.Reason.SPECIAL_FILE, SkippedEntry.Reason.SPECIAL_FILE);
        }
    }

    @Test
    void reportsUnreadableEntriesWhenPermissionsApply(@TempDir Path root) throws IOException {
        write(root.resolve("locked/x"), 1);
        write(root.resolve("nope"), 1);
        Files.setPosixFilePermissions(root.resolve("locked"), PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(root.resolve("nope"), PosixFilePermissions.fromString("---------"));
        try {
            ScanResult result = scanner.scan(root);
            if ("root".equals(System.getProperty("user.name"))) {
                assertThat(result.files()).hasSize(2); // root reads everything: nothing to report
            } else {
                assertThat(result.skipped()).extracting(SkippedEntry::reason)
                        .containsOnly(SkippedEntry.Reason.UNREADABLE).hasSize(2);
            }
        } finally {
            Files.setPosixFilePermissions(root.resolve("locked"), PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void warnsAboutNamesThatDoNotSurviveWindowsOrCaseFolding(@TempDir Path root) throws IOException {
        write(root.resolve("CON.txt"), 1);
        write(root.resolve("a:b"), 1);
        write(root.resolve("Readme"), 1);
        write(root.resolve("readme"), 1);
        write(root.resolve("trailing."), 1);
        ScanResult result = scanner.scan(root);
        assertThat(result.files()).hasSize(5);
        assertThat(result.warnings()).extracting(NameWarning::path)
                .containsExactlyInAnyOrder("CON.txt", "a:b", "readme", "trailing.");
    }

    @Test
    void reportsNamesThatAreNotValidText(@TempDir Path root) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "printf x > \"$(printf 'bad\\377name')\"")
                .directory(root.toFile()).start();
        assertThat(p.waitFor()).isZero();
        write(root.resolve("ok"), 2);
        ScanResult result = scanner.scan(root);
        assertThat(result.files()).extracting(SourceFile::path).containsExactly("ok");
        assertThat(result.skipped()).extracting(SkippedEntry::reason).containsExactly(SkippedEntry.Reason.UNDECODABLE_NAME);
    }

    @Test
    void failsWithAOneLineMessageWhenTheRootIsNotADirectory(@TempDir Path root) throws IOException {
        write(root.resolve("file"), 1);
        assertThatThrownBy(() -> scanner.scan(root.resolve("file"))).isInstanceOf(SegmenterException.ScanFailed.class)
                .hasMessageContaining("not a directory");
        assertThatThrownBy(() -> scanner.scan(root.resolve("missing"))).isInstanceOf(SegmenterException.ScanFailed.class);
    }

    @Test
    void stopsAtTheDepthBound(@TempDir Path root) throws IOException {
        write(root.resolve("1/2/3/deep"), 1);
        write(root.resolve("1/shallow"), 1);
        ScanResult result = new DirectoryScanner(new ScanOptions(2, 4096)).scan(root);
        assertThat(result.files()).extracting(SourceFile::path).containsExactly("1/shallow");
        assertThat(result.skipped()).extracting(SkippedEntry::path).isEqualTo(List.of("1/2"));
    }

    @Test
    void boundsPathsByTheirUtf8BytesNotTheirCharacters(@TempDir Path root) throws IOException {
        String fits = "\u00e9".repeat(10);   // 10 chars, 20 UTF-8 bytes (over 3 x 6 chars, under the 20-byte bound)
        String over = "\u20ac".repeat(7);    // 7 chars, 21 UTF-8 bytes
        String ascii = "a".repeat(20);        // 20 chars, 20 bytes
        write(root.resolve(fits), 1);
        write(root.resolve(over), 1);
        write(root.resolve(ascii), 1);
        write(root.resolve("b".repeat(21)), 1);
        ScanResult result = new DirectoryScanner(new ScanOptions(4, 20)).scan(root);
        assertThat(result.files()).extracting(SourceFile::path).containsExactly(ascii, fits);
        assertThat(result.skipped()).extracting(SkippedEntry::path).containsExactly("b".repeat(21), over);
        assertThat(result.skipped()).extracting(SkippedEntry::reason).containsOnly(SkippedEntry.Reason.TOO_DEEP_OR_LONG);
    }

    @Test
    void ordersSiblingsByTheirNamesAsText(@TempDir Path root) throws IOException {
        for (String name : List.of("b", "B", "a10", "a9", "\u00e9", "z", "a")) {
            write(root.resolve("d/" + name), 1);
        }
        ScanResult result = scanner.scan(root);
        assertThat(result.files()).extracting(SourceFile::path)
                .containsExactly("d/B", "d/a", "d/a10", "d/a9", "d/b", "d/z", "d/\u00e9");
    }
}
