package io.usync.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.ShareId;
import io.usync.core.path.DownloadState;
import io.usync.download.output.PartFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a download leaves in and around its target: no state folder once complete, nothing written
 * through a symbolic link that leads out of the target, nothing created when space is short.
 */
class DownloaderTargetSafetyTest {

    @TempDir
    Path dir;

    private static DownloadOptions options() {
        return DownloadOptions.defaults().withInFlightArticles(8).withSyncData(false);
    }

    private static DownloadReport download(DownloadOptions options, MemoryServers servers, ShareId id, Path target) {
        return new Downloader(options, servers, DownloadListener.NONE)
                .download(DownloadRequest.share(id, ShareCredentials.none(), target));
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void aCompleteDownloadLeavesNoStateFolderWhileAnIncompleteOneKeepsItForResume() throws IOException {
        ShareFixture fixture = new ShareFixture(41);
        ShareId id = fixture.publishPublic(1);
        Path target = dir.resolve("target");
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            byte[] lost = servers.articles("a").remove(fixture.segmentIds.get(1));
            assertThat(download(options(), servers, id, target).outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
            assertThat(target.resolve(DownloadState.FOLDER)).isDirectory();
            servers.articles("a").put(fixture.segmentIds.get(1), lost);
            DownloadReport report = download(options(), servers, id, target);
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(report.counts().articlesFetched()).isEqualTo(1);
        }
        assertThat(target.resolve(DownloadState.FOLDER)).doesNotExist();
        assertThat(Files.readAllBytes(target.resolve("big.bin"))).isEqualTo(fixture.files.get("big.bin"));
    }

    @Test
    void aCompleteNzbDownloadLeavesNoStateFolder() throws IOException {
        Random r = new Random(42);
        byte[] a = ShareFixture.bytes(r, 2 * NzbFixture.PART + 1);
        NzbFixture nzb = new NzbFixture().post(1, "a.bin", a);
        Path target = dir.resolve("target");
        try (MemoryServers servers = new MemoryServers().server("a", nzb.articles)) {
            DownloadReport report = new Downloader(options(), servers, DownloadListener.NONE)
                    .download(DownloadRequest.nzb(nzb.write(dir.resolve("a.nzb")), target));
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
        }
        assertThat(tree(target)).containsExactly(Path.of("a.bin"));
    }

    @Test
    void namesInsideTheStateFolderAreRefusedLikeAnyHostileName() throws IOException {
        ShareFixture fixture = new ShareFixture(43);
        fixture.add(".usync/0123456789abcdef0123456789abcdef.log", "usync-resume 1 x\n".getBytes(StandardCharsets.UTF_8));
        fixture.add(".USYNC/notes.txt", new byte[] {1, 2, 3});
        fixture.folders.add(".usync/inner");
        ShareId id = fixture.publishPublic(1);
        Path target = dir.resolve("target");
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport report = download(options(), servers, id, target);
            assertThat(report.failure()).isEmpty();
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
            assertThat(report.rejectedNames()).extracting(RejectedName::name).containsExactlyInAnyOrder(
                    ".usync/0123456789abcdef0123456789abcdef.log", ".USYNC/notes.txt", ".usync/inner");
            assertThat(report.missingFiles()).isEmpty();
        }
        assertThat(Files.readAllBytes(target.resolve("big.bin"))).isEqualTo(fixture.files.get("big.bin"));
        try (Stream<Path> state = Files.list(target.resolve(DownloadState.FOLDER))) {
            assertThat(state.map(p -> p.getFileName().toString())).allMatch(n -> n.matches("[0-9a-f]{32}\\.log"))
                    .doesNotContain("0123456789abcdef0123456789abcdef.log");
        }
    }

    @Test
    void anNzbFileNamedLikeTheStateFolderIsRefused() throws IOException {
        Random r = new Random(44);
        byte[] a = ShareFixture.bytes(r, 100);
        byte[] b = ShareFixture.bytes(r, 100);
        NzbFixture nzb = new NzbFixture().post(1, ".usync", a).post(2, "b.bin", b);
        Path target = dir.resolve("target");
        try (MemoryServers servers = new MemoryServers().server("a", nzb.articles)) {
            DownloadReport report = new Downloader(options(), servers, DownloadListener.NONE)
                    .download(DownloadRequest.nzb(nzb.write(dir.resolve("a.nzb")), target));
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
            assertThat(report.missingFiles()).isEmpty();
            assertThat(report.rejectedNames()).extracting(RejectedName::name).isNotEmpty().containsOnly(".usync");
        }
        assertThat(Files.readAllBytes(target.resolve("b.bin"))).isEqualTo(b);
    }

    @Test
    void aSymlinkedFolderThatLeadsOutOfTheTargetIsNotFollowed() throws IOException {
        ShareFixture fixture = new ShareFixture(45);
        ShareId id = fixture.publishPublic(1);
        Path target = Files.createDirectories(dir.resolve("target"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(target.resolve("dir"), outside);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport report = download(options(), servers, id, target);
            assertThat(report.failure()).isEmpty();
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
            assertThat(report.rejectedNames()).extracting(RejectedName::name).containsExactlyInAnyOrder(
                    "dir/medium.dat", "dir/small-1.txt", "dir/small-2.txt", "dir/deep/small-3.txt");
            assertThat(report.rejectedNames().getFirst().reason()).contains("symbolic link");
        }
        assertThat(tree(outside)).isEmpty();
        assertThat(Files.readAllBytes(target.resolve("big.bin"))).isEqualTo(fixture.files.get("big.bin"));
    }

    @Test
    void aSymlinkedFolderThatStaysInsideTheTargetIsUsed() throws IOException {
        ShareFixture fixture = new ShareFixture(46);
        ShareId id = fixture.publishPublic(1);
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.createDirectories(target.resolve("real"));
        Files.createSymbolicLink(target.resolve("dir"), Path.of("real"));
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport report = download(options(), servers, id, target);
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
        }
        assertThat(Files.readAllBytes(target.resolve("real/medium.dat"))).isEqualTo(fixture.files.get("dir/medium.dat"));
    }

    @Test
    void symlinksAtPartFileAndFinalNamesAreReplacedNeverWrittenThrough() throws IOException {
        ShareFixture fixture = new ShareFixture(47);
        ShareId id = fixture.publishPublic(1);
        Path target = Files.createDirectories(dir.resolve("target"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        byte[] precious = "precious".getBytes(StandardCharsets.UTF_8);
        Path victimOfPart = Files.write(outside.resolve("victim-1"), precious);
        Path victimOfEmpty = Files.write(outside.resolve("victim-2"), precious);
        Path victimOfFinal = Files.write(outside.resolve("victim-3"), precious);
        Files.createSymbolicLink(PartFile.partPathOf(target.resolve("big.bin")), victimOfPart);
        Files.createSymbolicLink(target.resolve("empty.txt"), victimOfEmpty);
        Files.createDirectories(target.resolve("dir"));
        Files.createSymbolicLink(target.resolve("dir/medium.dat"), victimOfFinal);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport report = download(options(), servers, id, target);
            assertThat(report.failure()).isEmpty();
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
        }
        for (Path victim : List.of(victimOfPart, victimOfEmpty, victimOfFinal)) {
            assertThat(Files.readString(victim)).as(victim.toString()).isEqualTo("precious");
        }
        for (String name : List.of("big.bin", "empty.txt", "dir/medium.dat")) {
            Path file = target.resolve(name);
            assertThat(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).as(name).isTrue();
            assertThat(Files.readAllBytes(file)).as(name).isEqualTo(fixture.files.get(name));
        }
        assertThat(PartFile.partPathOf(target.resolve("big.bin"))).doesNotExist();
    }

    @Test
    void aStateFolderThatIsASymlinkIsNeverWrittenThrough() throws IOException {
        ShareFixture fixture = new ShareFixture(48);
        ShareId id = fixture.publishPublic(1);
        Path target = Files.createDirectories(dir.resolve("target"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(target.resolve(DownloadState.FOLDER), outside);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport report = download(options(), servers, id, target);
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.FAILED);
            assertThat(report.failure().orElseThrow()).contains("symbolic link").doesNotContain("\n");
        }
        assertThat(tree(outside)).isEmpty();
    }

    @Test
    void notEnoughFreeSpaceFailsBeforeAnyFolderOrFileIsCreated() throws IOException {
        ShareFixture fixture = new ShareFixture(49);
        ShareId id = fixture.publishPublic(1);
        Path target = dir.resolve("target");
        DownloadOptions tight = options().withUsableSpace(folder -> 1L << 20);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport report = download(tight, servers, id, target);
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.FAILED);
            assertThat(report.failure().orElseThrow()).contains("not enough free space").contains("need 65 MiB")
                    .contains("1 MiB usable").doesNotContain("\n");
            assertThat(report.cause().orElseThrow().kind()).isEqualTo(DownloadFailure.Kind.NOT_ENOUGH_SPACE);
        }
        assertThat(target).doesNotExist();
        Files.createDirectories(target);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            assertThat(download(tight, servers, id, target).outcome()).isEqualTo(DownloadOutcome.FAILED);
            assertThat(tree(target)).isEmpty();
            DownloadOptions roomy = options().withUsableSpace(folder -> 1L << 30);
            assertThat(download(roomy, servers, id, target).outcome()).isEqualTo(DownloadOutcome.COMPLETE);
        }
    }

    @Test
    void notEnoughFreeSpaceForAnNzbFailsBeforeAnythingIsCreated() throws IOException {
        byte[] a = ShareFixture.bytes(new Random(50), 2 * NzbFixture.PART);
        NzbFixture nzb = new NzbFixture().post(1, "a.bin", a);
        Path target = Files.createDirectories(dir.resolve("target"));
        try (MemoryServers servers = new MemoryServers().server("a", nzb.articles)) {
            DownloadReport report = new Downloader(options().withUsableSpace(folder -> 0L), servers,
                    DownloadListener.NONE).download(DownloadRequest.nzb(nzb.write(dir.resolve("a.nzb")), target));
            assertThat(report.cause().orElseThrow().kind()).isEqualTo(DownloadFailure.Kind.NOT_ENOUGH_SPACE);
        }
        assertThat(tree(target)).isEmpty();
    }
}
