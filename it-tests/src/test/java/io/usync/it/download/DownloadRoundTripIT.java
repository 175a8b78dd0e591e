package io.usync.it.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.ShareId;
import io.usync.core.crypto.RecipientKeyPair;
import io.usync.core.crypto.RecipientKeys;
import io.usync.download.DownloadListener;
import io.usync.download.DownloadOptions;
import io.usync.download.DownloadOutcome;
import io.usync.download.DownloadReport;
import io.usync.download.DownloadRequest;
import io.usync.download.Downloader;
import io.usync.download.ShareCredentials;
import io.usync.index.IndexDatabase;
import io.usync.index.IndexOptions;
import io.usync.index.ShareIndex;
import io.usync.index.testing.TestDatabase;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.nntp.testing.InnServer;
import io.usync.upload.ClusterTransport;
import io.usync.upload.ShareSpec;
import io.usync.upload.UploadListener;
import io.usync.upload.UploadOptions;
import io.usync.upload.UploadOutcome;
import io.usync.upload.UploadReport;
import io.usync.upload.Uploader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Uploads a tree to INN2 with the real uploader and downloads it back with the real downloader. */
@Timeout(300)
class DownloadRoundTripIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perTest();

    @TempDir
    Path work;

    private InnServer inn;
    private IndexDatabase database;
    private Path tree;

    @BeforeEach
    void setUp() throws IOException {
        inn = InnServer.require();
        database = IndexDatabase.open(IndexOptions.defaults().withJdbcUrl(DB.jdbcUrl(), DB.user(), DB.password()));
        tree = work.resolve("tree");
        Random r = new Random(System.nanoTime());
        write("big/data.bin", 300_000 + r.nextInt(1000), r);
        for (int i = 0; i < 30; i++) {
            write("small/f" + i + ".txt", 50 + i * 31, r);
        }
        write("empty.txt", 0, r);
        Files.createDirectories(tree.resolve("nothing/here"));
    }

    @AfterEach
    void tearDown() {
        if (database != null) {
            database.close();
        }
    }

    private void write(String path, int size, Random r) throws IOException {
        Path file = tree.resolve(path);
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[size];
        r.nextBytes(bytes);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + size));
    }

    private NntpServerOptions innServer() {
        return NntpServerOptions.defaults("inn", inn.host(), inn.port())
                .withPlacement(1, "server:inn", Set.of(NntpServerOptions.Role.POST, NntpServerOptions.Role.CHECK,
                        NntpServerOptions.Role.READ));
    }

    private UploadReport upload(ShareSpec spec) throws Exception {
        UploadOptions options = UploadOptions.defaults().withArticleSize(64 * 1024).withPostCheckDelay(Duration.ZERO)
                .withNewsgroups(List.of(inn.group()));
        try (NntpCluster cluster = NntpCluster.create(List.of(innServer()), NntpClusterOptions.defaults(),
                NntpEventListener.NONE)) {
            UploadReport report = new Uploader(options, new ClusterTransport(cluster), new ShareIndex(database),
                    UploadListener.NONE).upload(tree, spec);
            assertThat(report.outcome()).isEqualTo(UploadOutcome.COMPLETE);
            return report;
        }
    }

    private DownloadReport download(DownloadRequest request, List<NntpServerOptions> servers) {
        try (NntpCluster cluster = NntpCluster.create(servers, NntpClusterOptions.defaults(), NntpEventListener.NONE)) {
            return new Downloader(DownloadOptions.defaults(), cluster, DownloadListener.NONE).download(request);
        }
    }

    private DownloadReport downloadShare(String id, ShareCredentials credentials, Path out) {
        return download(DownloadRequest.share(ShareId.parse(id), credentials, out), List.of(innServer()));
    }

    private void assertSameTree(Path out) throws IOException {
        assertSameTree(tree, out);
    }

    private static void assertSameTree(Path root, Path out) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path source : walk.toList()) {
                Path copy = out.resolve(root.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    assertThat(copy).isDirectory();
                    continue;
                }
                assertThat(copy).as(source.toString()).isRegularFile();
                assertThat(Files.mismatch(source, copy)).as(source.toString()).isEqualTo(-1);
                assertThat(Files.getLastModifiedTime(copy)).isEqualTo(Files.getLastModifiedTime(source));
            }
        }
        try (Stream<Path> walk = Files.walk(out)) {
            assertThat(walk.filter(Files::isRegularFile).map(out::relativize)
                    .filter(p -> !p.startsWith(".usync") && !Files.exists(root.resolve(p.toString()))))
                    .as("files in %s that %s does not have", out, root).isEmpty();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void assertEmpty(Path out) throws IOException {
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.filter(p -> !p.getFileName().toString().equals(".usync"))).isEmpty();
            }
        }
    }

    @Test
    void publicShareRoundTrips() throws Exception {
        UploadReport up = upload(ShareSpec.publicShare());
        Path out = work.resolve("out");
        DownloadReport report = downloadShare(up.shareId().orElseThrow(), ShareCredentials.none(), out);
        assertThat(report.failure()).isEmpty();
        assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
        assertSameTree(out);
    }

    @Test
    void protectedShareOpensWithItsPasswordAndAWrongOneFailsWithoutOutput() throws Exception {
        UploadReport up = upload(new ShareSpec(new ShareSpec.Mode.Protected("correct horse".toCharArray()),
                Optional.empty(), Optional.empty()));
        Path wrongOut = work.resolve("wrong");
        DownloadReport wrong = downloadShare(up.shareId().orElseThrow(),
                new ShareCredentials.Password("battery staple".toCharArray()), wrongOut);
        assertThat(wrong.outcome()).isEqualTo(DownloadOutcome.FAILED);
        assertThat(wrong.failure().orElseThrow()).contains("password").doesNotContain("\n");
        assertEmpty(wrongOut);
        Path out = work.resolve("out");
        DownloadReport right = downloadShare(up.shareId().orElseThrow(),
                new ShareCredentials.Password("correct horse".toCharArray()), out);
        assertThat(right.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
        assertSameTree(out);
    }

    @Test
    void privateShareOpensWithTheRecipientKeyAndAnotherKeyFailsWithoutOutput() throws Exception {
        SecureRandom random = new SecureRandom();
        RecipientKeyPair alice = RecipientKeys.generate(random);
        RecipientKeyPair mallory = RecipientKeys.generate(random);
        UploadReport up = upload(new ShareSpec(new ShareSpec.Mode.Private(List.of(alice.publicKey())),
                Optional.empty(), Optional.empty()));
        Path wrongOut = work.resolve("wrong");
        DownloadReport wrong = downloadShare(up.shareId().orElseThrow(), new ShareCredentials.Identity(mallory),
                wrongOut);
        assertThat(wrong.outcome()).isEqualTo(DownloadOutcome.FAILED);
        assertEmpty(wrongOut);
        Path out = work.resolve("out");
        assertThat(downloadShare(up.shareId().orElseThrow(), new ShareCredentials.Identity(alice), out).outcome())
                .isEqualTo(DownloadOutcome.COMPLETE);
        assertSameTree(out);
    }

    @Test
    void plainUploadDownloadsFromItsNzb() throws Exception {
        Files.delete(tree.resolve("empty.txt"));
        Files.delete(tree.resolve("nothing/here"));
        Files.delete(tree.resolve("nothing"));
        Path nzb = work.resolve("plain.nzb");
        upload(new ShareSpec(new ShareSpec.Mode.Plain(), Optional.of("plain"), Optional.of(nzb)));
        Path out = work.resolve("out");
        DownloadReport report = download(DownloadRequest.nzb(nzb, out), List.of(innServer()));
        assertThat(report.failure()).isEmpty();
        assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path source : walk.filter(Files::isRegularFile).toList()) {
                Path copy = out.resolve(source.getFileName().toString());
                Path nested = out.resolve(tree.relativize(source).toString());
                Path found = Files.exists(nested) ? nested : copy;
                assertThat(found).as(source.toString()).isRegularFile();
                assertThat(Files.mismatch(source, found)).as(source.toString()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aShareWhoseArticlesExistOnlyOnTheSecondServerCompletesFromIt() throws Exception {
        UploadReport up = upload(ShareSpec.publicShare());
        Path out = work.resolve("out");
        try (FakeNntpServer empty = FakeNntpServer.start()) {
            NntpServerOptions first = empty.serverOptions("empty").withPlacement(0, "server:empty",
                    Set.of(NntpServerOptions.Role.READ));
            DownloadReport report = download(DownloadRequest.share(ShareId.parse(up.shareId().orElseThrow()),
                    ShareCredentials.none(), out), List.of(first, innServer()));
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(empty.commands("BODY")).isGreaterThan(0);
        }
        assertSameTree(out);
    }

    @Test
    void aSecondVersionPostsOnlyNewContentAndEachVersionDownloadsByteForByte() throws Exception {
        UploadReport first = upload(ShareSpec.publicShare());
        Path firstTree = work.resolve("first");
        copyTree(tree, firstTree);
        Random r = new Random(7);
        byte[] changed = new byte[(int) Files.size(tree.resolve("small/f3.txt"))];
        r.nextBytes(changed);
        Files.write(tree.resolve("small/f3.txt"), changed);
        Files.setLastModifiedTime(tree.resolve("small/f3.txt"), FileTime.fromMillis(1_800_000_000_000L));
        Files.delete(tree.resolve("small/f5.txt"));
        write("added/new.bin", 70_000, r);

        UploadReport second = upload(ShareSpec.publicShare());

        assertThat(second.shareId()).isEqualTo(first.shareId());
        assertThat(second.version()).isEqualTo(first.version() + 1);
        assertThat(second.articlesPosted()).as("unchanged files reuse their articles")
                .isLessThan(first.articlesPosted());
        ShareId id = ShareId.parse(second.shareId().orElseThrow());
        Path latest = work.resolve("latest");
        DownloadReport newest = downloadShare(second.shareId().orElseThrow(), ShareCredentials.none(), latest);
        assertThat(newest.outcome()).as("%s", newest.failure()).isEqualTo(DownloadOutcome.COMPLETE);
        assertSameTree(tree, latest);
        Path old = work.resolve("old");
        DownloadReport firstAgain = download(new DownloadRequest(new DownloadRequest.Share(id, ShareCredentials.none(),
                java.util.OptionalInt.of(first.version())), old, List.of()), List.of(innServer()));
        assertThat(firstAgain.outcome()).as("%s", firstAgain.failure()).isEqualTo(DownloadOutcome.COMPLETE);
        assertSameTree(firstTree, old);
    }
}
