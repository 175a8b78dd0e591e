package io.usync.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.download.DownloadOutcome;
import io.usync.download.DownloadReport;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.InnFaultProxy;
import io.usync.it.support.NntpFaultProxy;
import io.usync.it.support.RoundTrip;
import io.usync.it.support.SourceTree;
import io.usync.it.support.ThreadCheck;
import io.usync.upload.UploadOutcome;
import io.usync.upload.UploadReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads to real INN2 through the fault proxy: whatever the proxy does to a post (reset mid-body,
 * lost 240, accepted then dropped, garbage or a 10 MB line as reply), the upload completes, the
 * download equals the source byte for byte, and INN2 answered 240 at most once per Message-ID.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class InnProxyUploadFaultsIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @TempDir
    Path dir;

    @RegisterExtension
    final InnFaultProxy servers = new InnFaultProxy();

    private final RoundTrip rig = RoundTrip.defaults();

    private NntpFaultProxy proxy() {
        return servers.proxy();
    }

    /** Uploads a seeded tree through the proxy, downloads it straight from INN2 and checks both promises. */
    private UploadReport uploadSurvives(long seed) throws Exception {
        return uploadSurvives(seed, 5);
    }

    /** As {@link #uploadSurvives(long)} with a tree of {@code files} files of up to 40 KB. */
    private UploadReport uploadSurvives(long seed, int files) throws Exception {
        Path source = SourceTree.write(dir.resolve("src"), seed, files, 40_000);
        UploadReport report = rig.upload(List.of(servers.viaProxy("proxy", 0)), RoundTrip.indexOptions(DB), source);
        assertThat(report.outcome()).as("%s", report.problems()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(report.shareId()).isPresent();
        assertThat(proxy().storedCounts().values()).as("240s per Message-ID").allMatch(n -> n == 1);
        assertThat((long) proxy().storedCounts().size()).as("articles stored")
                .isLessThanOrEqualTo(report.articlesPosted());
        DownloadReport download = rig.download(List.of(servers.direct("inn", 0)), report.shareId().get(),
                dir.resolve("out"));
        assertThat(download.outcome()).as("%s", download.failure()).isEqualTo(DownloadOutcome.COMPLETE);
        SourceTree.assertSameTree(source, dir.resolve("out"));
        ThreadCheck.assertNoneStuck(5_000);
        return report;
    }

    @Test
    void connectionResetInTheMiddleOfAPostBodyLosesNothing() throws Exception {
        proxy().faults().resetMidPost(3);
        uploadSurvives(81);
        assertThat(proxy().faults().injected()).isEqualTo(3);
    }

    @Test
    void a240LostAfterTheArticleWasStoredIsNotPostedTwice() throws Exception {
        proxy().faults().lose240(3);
        uploadSurvives(82);
        assertThat(proxy().faults().injected()).isEqualTo(3);
    }

    @Test
    void anArticleAcceptedThenSilentlyDroppedIsRepostedExactlyOnce() throws Exception {
        proxy().faults().acceptThenDrop(0.25);
        // ~50 articles of 16 KiB: the fraction picks articles by a hash of their random ids, and with
        // the 5 files of the other cases (~8 articles) none was picked about once in ten runs.
        UploadReport report = uploadSurvives(83, 40);
        assertThat(proxy().faults().droppedIds()).isNotEmpty();
        for (String id : proxy().faults().droppedIds()) {
            assertThat(proxy().storedCount(id)).as("re-posts of dropped %s", id).isEqualTo(1);
        }
        assertThat(report.reposts()).isEqualTo(proxy().faults().droppedIds().size());
    }

    @Test
    void aGarbageReplyClosesTheConnectionAndTheWorkIsRequeued() throws Exception {
        proxy().faults().garbageReplies(2);
        uploadSurvives(84);
        assertThat(proxy().faults().injected()).isEqualTo(2);
    }

    @Test
    void aTenMegabyteReplyLineWithoutCrlfClosesTheConnectionAndTheWorkIsRequeued() throws Exception {
        proxy().faults().overlongReplies(1, 10 * 1024 * 1024);
        long before = usedHeap();
        uploadSurvives(85);
        assertThat(proxy().faults().injected()).isEqualTo(1);
        assertThat(usedHeap() - before).as("heap growth").isLessThan(64L * 1024 * 1024);
    }

    private static long usedHeap() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
