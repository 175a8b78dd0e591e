package io.usync.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.ShareId;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.testing.FakeNntpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader over the real NNTP client against two in-process fault-injecting servers. */
class DownloaderFakeServerTest {

    @TempDir
    Path out;

    private static void load(FakeNntpServer server, Map<String, byte[]> articles) {
        articles.forEach(server::putArticle);
    }

    private DownloadReport download(List<FakeNntpServer> servers, ShareId id) {
        return download(servers, DownloadOptions.defaults().withInFlightArticles(16).withSyncData(false),
                DownloadRequest.share(id, ShareCredentials.none(), out));
    }

    private static DownloadReport download(List<FakeNntpServer> servers, DownloadOptions downloadOptions,
            DownloadRequest request) {
        List<NntpServerOptions> options = new java.util.ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            options.add(servers.get(i).serverOptions("s" + i).withPlacement(i, "server:s" + i,
                    java.util.Set.of(NntpServerOptions.Role.READ)));
        }
        try (NntpCluster cluster = NntpCluster.create(options, NntpClusterOptions.defaults(), NntpEventListener.NONE)) {
            return new Downloader(downloadOptions, cluster, DownloadListener.NONE).download(request);
        }
    }

    /**
     * An NZB of two files whose second part of {@code a.bin} claims the file is 5,000 bytes longer
     * than the other parts say; one article in flight, so the honest first part sets the size.
     */
    private DownloadReport downloadNzbWithALyingPart(byte[] a, byte[] b, boolean honestSecondServer)
            throws IOException {
        NzbFixture nzb = new NzbFixture().post(1, "a.bin", a).post(2, "b.bin", b);
        Map<String, byte[]> honest = new java.util.LinkedHashMap<>(nzb.articles);
        nzb.partClaimsFileSize(1, "a.bin", a, 1, a.length + 5_000L);
        Path file = nzb.write(out.resolve("lies.nzb"));
        try (FakeNntpServer liar = FakeNntpServer.start(); FakeNntpServer good = FakeNntpServer.start()) {
            load(liar, nzb.articles);
            load(good, honest);
            List<FakeNntpServer> servers = honestSecondServer ? List.of(liar, good) : List.of(liar);
            return download(servers, DownloadOptions.defaults().withInFlightArticles(1).withSyncData(false),
                    DownloadRequest.nzb(file, out.resolve("out")));
        }
    }

    @Test
    void anArticleLyingAboutItsFileSizeLeavesOnlyItsFileIncomplete() throws IOException {
        Random r = new Random(33);
        byte[] a = ShareFixture.bytes(r, 3 * NzbFixture.PART);
        byte[] b = ShareFixture.bytes(r, 2 * NzbFixture.PART + 5);
        DownloadReport report = downloadNzbWithALyingPart(a, b, false);
        assertThat(report.failure()).isEmpty();
        assertThat(report.outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
        assertThat(report.missingFiles()).extracting(MissingFile::name).containsExactly("a.bin");
        assertThat(report.missingFiles().getFirst().missingSegments()).isEqualTo(1);
        assertThat(report.missingFiles().getFirst().reason()).contains(String.valueOf(a.length + 5_000));
        assertThat(Files.readAllBytes(out.resolve("out/b.bin"))).isEqualTo(b);
    }

    @Test
    void anArticleLyingAboutItsFileSizeIsTakenFromTheOtherServer() throws IOException {
        Random r = new Random(34);
        byte[] a = ShareFixture.bytes(r, 3 * NzbFixture.PART);
        byte[] b = ShareFixture.bytes(r, 2 * NzbFixture.PART + 5);
        DownloadReport report = downloadNzbWithALyingPart(a, b, true);
        assertThat(report.failure()).isEmpty();
        assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
        assertThat(Files.readAllBytes(out.resolve("out/a.bin"))).isEqualTo(a);
        assertThat(Files.readAllBytes(out.resolve("out/b.bin"))).isEqualTo(b);
    }

    @Test
    void anNzbFromAServerThatCannotBeReachedStopsAsOneNetworkFailure() throws IOException {
        Random r = new Random(35);
        NzbFixture nzb = new NzbFixture().post(1, "a.bin", ShareFixture.bytes(r, 3 * NzbFixture.PART))
                .post(2, "b.bin", ShareFixture.bytes(r, 2 * NzbFixture.PART));
        Path file = nzb.write(out.resolve("dead.nzb"));
        FakeNntpServer dead = FakeNntpServer.start();
        dead.close();

        DownloadReport report = download(List.of(dead), DownloadOptions.defaults().withSyncData(false),
                DownloadRequest.nzb(file, out.resolve("out")));

        assertThat(report.outcome()).isEqualTo(DownloadOutcome.FAILED);
        assertThat(report.cause()).map(DownloadFailure::kind).contains(DownloadFailure.Kind.NETWORK);
        assertThat(report.failure().orElseThrow()).doesNotContain("\n");
        assertThat(report.missingFiles()).as("no file-by-file report for a download that never reached a server")
                .isEmpty();
    }

    private void assertFiles(ShareFixture fixture) throws IOException {
        for (var e : fixture.files.entrySet()) {
            assertThat(Files.readAllBytes(out.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void completesFromTheOtherServerWhenOneMissesTenPercentOrFlipsBytes() throws IOException {
        ShareFixture fixture = new ShareFixture(31);
        ShareId id = fixture.publishPublic(1);
        try (FakeNntpServer a = FakeNntpServer.start(); FakeNntpServer b = FakeNntpServer.start()) {
            load(a, fixture.articles);
            load(b, fixture.articles);
            Random r = new Random(31);
            int flipped = 0;
            for (String seg : fixture.segmentIds) {
                switch (r.nextInt(10)) {
                    case 0 -> a.faults().missing(seg);
                    case 1 -> {
                        byte[] body = fixture.articles.get(seg).clone();
                        body[body.length / 2] ^= 0x01;
                        a.putArticle(seg, body);
                        flipped++;
                    }
                    default -> { }
                }
            }
            DownloadReport report = download(List.of(a, b), id);
            assertThat(report.failure()).isEmpty();
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(b.commands("BODY")).isGreaterThanOrEqualTo(flipped);
        }
        assertFiles(fixture);
    }

    @Test
    void resumeFetchesOnlyWhatTheInterruptedRunLacked() throws IOException {
        ShareFixture fixture = new ShareFixture(32);
        ShareId id = fixture.publishPublic(1);
        List<String> lost = List.of(fixture.segmentIds.get(1), fixture.segmentIds.get(3));
        try (FakeNntpServer a = FakeNntpServer.start()) {
            load(a, fixture.articles);
            a.faults().missing(lost.toArray(String[]::new));
            assertThat(download(List.of(a), id).outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
        }
        try (FakeNntpServer b = FakeNntpServer.start()) {
            load(b, fixture.articles);
            DownloadReport report = download(List.of(b), id);
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            int manifestArticles = fixture.articles.size() - fixture.segmentIds.size();
            int probeOfVersionTwo = 1;
            assertThat(b.commands("BODY") - manifestArticles - probeOfVersionTwo).isEqualTo(lost.size());
        }
        assertFiles(fixture);
    }
}
