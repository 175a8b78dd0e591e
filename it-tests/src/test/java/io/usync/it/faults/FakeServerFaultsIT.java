package io.usync.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.download.DownloadOutcome;
import io.usync.download.DownloadReport;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.NntpFaultProxy;
import io.usync.it.support.RoundTrip;
import io.usync.it.support.SourceTree;
import io.usync.it.support.ThreadCheck;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.upload.UploadOutcome;
import io.usync.upload.UploadReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uploader and downloader against the in-process fake server's injected faults: lost 240s,
 * articles that can never be posted, 502 at login, a server that never answers, one that trickles
 * a byte a second, garbage and endless lines, missing and corrupt copies on one of two servers.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FakeServerFaultsIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @TempDir
    Path dir;

    private FakeNntpServer first;
    private FakeNntpServer second;
    private NntpFaultProxy recorder;
    private final RoundTrip rig = RoundTrip.defaults();

    @BeforeEach
    void start() {
        first = FakeNntpServer.start();
        second = FakeNntpServer.start();
        recorder = NntpFaultProxy.start(first.host(), first.port());
    }

    @AfterEach
    void stop() {
        recorder.close();
        first.close();
        second.close();
    }

    private static NntpServerOptions options(FakeNntpServer server, String name, int tier) {
        return RoundTrip.server(name, server.host(), server.port(), tier);
    }

    /** Uploads a seeded tree to the first server (through the recording proxy) and copies every article to the second. */
    private Upload uploadToBoth(long seed) throws Exception {
        Path source = SourceTree.write(dir.resolve("src"), seed, 5, 40_000);
        UploadReport report = rig.upload(List.of(RoundTrip.server("first", recorder.host(), recorder.port(), 0)),
                RoundTrip.indexOptions(DB), source);
        assertThat(report.outcome()).as("%s", report.problems()).isEqualTo(UploadOutcome.COMPLETE);
        Set<String> ids = recorder.storedCounts().keySet();
        for (String id : ids) {
            second.putArticle(id, first.body(id).orElseThrow());
        }
        return new Upload(source, report.shareId().orElseThrow(), ids);
    }

    private record Upload(Path source, String shareId, Set<String> ids) {
    }

    private void downloadsIntact(Upload upload, String out) throws InterruptedException {
        DownloadReport report = rig.download(List.of(options(first, "first", 0), options(second, "second", 1)),
                upload.shareId(), dir.resolve(out));
        assertThat(report.outcome()).as("%s", report.failure()).isEqualTo(DownloadOutcome.COMPLETE);
        SourceTree.assertSameTree(upload.source(), dir.resolve(out));
        ThreadCheck.assertNoneStuck(5_000);
    }

    @Test
    void a240LostAfterStoringIsRetriedUnderTheSameIdAndStoredOnce() throws Exception {
        first.faults().loseReplyAfterStore(3);
        Path source = SourceTree.write(dir.resolve("src"), 11, 5, 40_000);
        UploadReport report = rig.upload(List.of(options(first, "first", 0)), RoundTrip.indexOptions(DB), source);
        assertThat(report.outcome()).as("%s", report.problems()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(first.postedMoreThanOnce()).as("ids posted again after a lost 240").hasSizeLessThanOrEqualTo(3);
        DownloadReport download = rig.download(List.of(options(first, "first", 0)), report.shareId().orElseThrow(),
                dir.resolve("out"));
        assertThat(download.outcome()).as("%s", download.failure()).isEqualTo(DownloadOutcome.COMPLETE);
        SourceTree.assertSameTree(source, dir.resolve("out"));
    }

    @Test
    void anArticleThatCanNeverBePostedEndsPartialWithBoundedRetriesAndNothingPublished() throws Exception {
        first.faults().rejectEveryNthPost(1);
        Path source = SourceTree.write(dir.resolve("src"), 12, 2, 30_000);
        UploadReport report = rig.upload(List.of(options(first, "first", 0)), RoundTrip.indexOptions(DB), source);
        assertThat(report.outcome()).isEqualTo(UploadOutcome.PARTIAL);
        assertThat(report.shareId()).as("no share id without a manifest").isEmpty();
        assertThat(report.problems()).anyMatch(p -> p.contains("could not be posted"));
        int bound = rig.uploadOptions().maxAttempts() * rig.uploadOptions().maxPostRounds();
        assertThat(first.postsReceived()).as("posts in total").isPositive();
        assertThat(first.commands("POST")).as("POST commands, bounded by attempts x rounds per article")
                .isLessThanOrEqualTo(bound * (int) Math.max(1, report.failures() + report.articlesPosted()) * 2);
        first.faults().clear();
        UploadReport again = rig.upload(List.of(options(first, "first", 0)), RoundTrip.indexOptions(DB), source);
        assertThat(again.outcome()).as("%s", again.problems()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(first.postedMoreThanOnce()).as("ids stored by the second run that the first had stored").isEmpty();
    }

    @Test
    void aBurstOfProtocolErrorsOnTheOnlyPostServerDoesNotFailTheUpload() throws Exception {
        first.faults().garbageReplies(true);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            first.faults().clear();
        });
        RoundTrip shortCircuit = new RoundTrip(RoundTrip.UPLOAD, io.usync.nntp.NntpClusterOptions.defaults()
                .withCircuit(new io.usync.nntp.NntpClusterOptions.Circuit(50f, 4, java.time.Duration.ofSeconds(2))));
        Path source = SourceTree.write(dir.resolve("src"), 21, 6, 60_000);
        UploadReport report = shortCircuit.upload(List.of(options(first, "first", 0)), RoundTrip.indexOptions(DB), source);
        assertThat(report.outcome()).as("one run while the only server's circuit opens and closes: %s",
                report.problems()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(first.postedMoreThanOnce()).isEmpty();
    }

    @Test
    void tooManyConnectionsAtLoginShrinksThePoolAndTheUploadFinishes() throws Exception {
        first.faults().maxConnections(1);
        Path source = SourceTree.write(dir.resolve("src"), 13, 5, 40_000);
        UploadReport report = rig.upload(List.of(options(first, "first", 0)
                .withPool(options(first, "first", 0).pool().withMaxConnections(4))), RoundTrip.indexOptions(DB), source);
        assertThat(report.outcome()).as("%s", report.problems()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(first.connectionsAccepted()).as("connections tried (no tight reconnect loop)").isLessThan(40);
        first.faults().clear();
        DownloadReport download = rig.download(List.of(options(first, "first", 0)), report.shareId().orElseThrow(),
                dir.resolve("out"));
        assertThat(download.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
        SourceTree.assertSameTree(source, dir.resolve("out"));
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndTheOtherServes() throws Exception {
        Upload upload = uploadToBoth(14);
        first.faults().stopAnswering(true);
        downloadsIntact(upload, "out");
    }

    @Test
    void aServerThatDropsMidBodyLosesNothing() throws Exception {
        Upload upload = uploadToBoth(15);
        first.faults().dropMidBody(true);
        downloadsIntact(upload, "out");
    }

    @Test
    void aServerTricklingOneBytePerSecondTimesOutAndTheOtherServes() throws Exception {
        Upload upload = uploadToBoth(16);
        first.faults().bandwidth(1);
        downloadsIntact(upload, "out");
    }

    @Test
    void garbageRepliesCloseTheConnectionAndTheOtherServes() throws Exception {
        Upload upload = uploadToBoth(17);
        first.faults().garbageReplies(true);
        downloadsIntact(upload, "out");
    }

    @Test
    void endlessReplyLinesCloseTheConnectionAndTheOtherServes() throws Exception {
        Upload upload = uploadToBoth(18);
        first.faults().overlongReplies(true);
        downloadsIntact(upload, "out");
    }

    @Test
    void tenPercentMissingOnOneServerIsFetchedFromTheOther() throws Exception {
        Upload upload = uploadToBoth(19);
        int n = 0;
        for (String id : upload.ids()) {
            if (n++ % 10 == 0) {
                first.faults().missing(id);
            }
        }
        downloadsIntact(upload, "out");
        assertThat(second.commands("BODY")).isPositive();
    }

    @Test
    void aFlippedByteOnOneServerIsNeverWrittenAndTheOtherCopyIsUsed() throws Exception {
        Upload upload = uploadToBoth(20);
        int flipped = 0;
        for (String id : upload.ids()) {
            if (flipped < upload.ids().size() / 5 + 1) {
                byte[] body = first.body(id).orElseThrow().clone();
                int at = body.length / 2;
                body[at] = (byte) (body[at] == 'A' ? 'B' : 'A');
                first.putArticle(id, body);
                flipped++;
            }
        }
        downloadsIntact(upload, "out");
        assertThat(second.commands("BODY")).isGreaterThanOrEqualTo(flipped);
    }
}
