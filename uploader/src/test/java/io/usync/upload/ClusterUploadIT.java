package io.usync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.testing.FakeNntpServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The uploader against the real NNTP client and the fault-injecting fake server, with embedded PostgreSQL. */
class ClusterUploadIT extends IndexedUploadTestBase {

    private final UploadOptions options = UploadOptions.defaults().withPostCheckDelay(Duration.ZERO)
            .withArticleSize(32 * 1024);

    @BeforeEach
    void writeTree() throws Exception {
        write("data.bin", 200_000, 7);
        Files.writeString(tree.resolve("note.txt"), "hello");
    }

    private UploadReport upload(List<NntpServerOptions> servers, UploadListener listener) throws Exception {
        return uploadThrough(servers, NntpEventListener.NONE, options, listener);
    }

    @Test
    void repostsEachSilentlyDroppedArticleExactlyOnce() throws Exception {
        try (FakeNntpServer server = FakeNntpServer.start()) {
            server.faults().acceptThenDrop(true);
            java.util.concurrent.atomic.AtomicInteger rounds = new java.util.concurrent.atomic.AtomicInteger();
            UploadListener clearOnCheck = new UploadListener() {
                @Override
                public void phase(UploadPhase phase) {
                    if (phase == UploadPhase.POST && rounds.incrementAndGet() == 2) {
                        server.faults().acceptThenDrop(false);
                    }
                }
            };
            UploadReport report = upload(List.of(server.serverOptions("a")), clearOnCheck);
            assertThat(report.outcome()).isEqualTo(UploadOutcome.COMPLETE);
            assertThat(server.postedMoreThanOnce()).hasSizeGreaterThanOrEqualTo(7);
            assertThat(report.reposts()).isEqualTo(server.postedMoreThanOnce().size());
            for (String id : server.postedMoreThanOnce()) {
                assertThat(server.timesPosted(id)).as(id).isEqualTo(2);
            }
        }
    }

    @Test
    void failsOverToTheOtherServerWhenOneRefusesPosts() throws Exception {
        try (FakeNntpServer broken = FakeNntpServer.start(); FakeNntpServer good = FakeNntpServer.start()) {
            broken.faults().greetingCode(502);
            UploadReport report = upload(List.of(broken.serverOptions("broken"), good.serverOptions("good")),
                    UploadListener.NONE);
            assertThat(report.outcome()).isEqualTo(UploadOutcome.COMPLETE);
            assertThat(report.shareId()).isPresent();
            assertThat(broken.postsReceived()).isZero();
            assertThat(good.postsReceived()).isGreaterThan(8);
            assertThat(good.postedMoreThanOnce()).isEmpty();
        }
    }

    @Test
    void publishesNothingWhenArticlesCanNeverBePosted() throws Exception {
        try (FakeNntpServer server = FakeNntpServer.start()) {
            server.faults().rejectEveryNthPost(1);
            UploadReport report = upload(List.of(server.serverOptions("a")), UploadListener.NONE);
            assertThat(report.outcome()).isEqualTo(UploadOutcome.PARTIAL);
            assertThat(report.shareId()).isEmpty();
            assertThat(report.problems()).anyMatch(p -> p.contains("nothing was published"));
            int segments = (200_100 + 32 * 1024 - 30) / (32 * 1024 - 29);
            assertThat(server.postsReceived()).isLessThanOrEqualTo(segments * options.maxAttempts());
        }
    }
}
