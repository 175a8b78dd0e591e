package io.usync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.nntp.testing.InnServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two post servers, one of which connects but refuses every POST (441 posting failed, 440 posting
 * not allowed): the other server carries the whole upload, each article is posted once there, the
 * refusing server is paused (its circuit opens) instead of being asked for every article, and the
 * share is published. When both refuse, the upload ends as it does with one refusing server.
 */
class PostRefusalUploadIT extends IndexedUploadTestBase {

    @TempDir
    Path alone;

    private final List<String> circuits = new CopyOnWriteArrayList<>();
    private final UploadOptions options = UploadOptions.defaults().withPostCheckDelay(Duration.ZERO)
            .withArticleSize(8 * 1024);

    @BeforeEach
    void writeTree() throws Exception {
        write("data.bin", 2_000_000, 11);
    }

    private UploadReport upload(List<NntpServerOptions> servers) throws Exception {
        return upload(tree, servers);
    }

    private UploadReport upload(Path root, List<NntpServerOptions> servers) throws Exception {
        NntpEventListener listener = new NntpEventListener() {
            @Override
            public void onCircuitState(String server, String state) {
                circuits.add(server + " " + state);
            }
        };
        return uploadFolder(root, servers, listener, options);
    }

    @Test
    void theOtherFakeServerCarriesTheUploadWhenOneAnswersEveryPostWith441() throws Exception {
        try (FakeNntpServer refusing = FakeNntpServer.start(); FakeNntpServer good = FakeNntpServer.start()) {
            refusing.faults().rejectEveryNthPost(1);
            UploadReport report = upload(List.of(refusing.serverOptions("refusing"), good.serverOptions("good")));
            assertThat(report.outcome()).as("%s", report).isEqualTo(UploadOutcome.COMPLETE);
            assertThat(report.shareId()).isPresent();
            assertThat(report.problems()).isEmpty();
            assertThat(report.reposts()).as("a refusal is not a new attempt").isZero();
            assertThat(good.postedMoreThanOnce()).isEmpty();
            assertThat(good.postsReceived()).isGreaterThan(240);
            assertThat(refusing.postsReceived()).as("posts the refusing server saw before it was paused")
                    .isLessThan(good.postsReceived() / 2);
            assertThat(circuits).contains("refusing OPEN");
        }
    }

    @Test
    void anArticleEveryPostServerRefusesIsRefusedAtOnceAsWithOneRefusingServer() throws Exception {
        write("data.bin", 100_000, 12);
        Files.copy(tree.resolve("data.bin"), alone.resolve("data.bin"));
        try (FakeNntpServer first = FakeNntpServer.start(); FakeNntpServer second = FakeNntpServer.start();
                FakeNntpServer only = FakeNntpServer.start()) {
            first.faults().rejectEveryNthPost(1);
            second.faults().refusePostCommand(true);
            only.faults().rejectEveryNthPost(1);
            UploadReport single = upload(alone, List.of(only.serverOptions("only")));
            long start = System.nanoTime();
            UploadReport both = upload(tree, List.of(first.serverOptions("a"), second.serverOptions("b")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(single.outcome()).isEqualTo(UploadOutcome.PARTIAL);
            assertThat(single.shareId()).isEmpty();
            assertThat(both.outcome()).as("%s", both).isEqualTo(UploadOutcome.PARTIAL);
            assertThat(both.shareId()).isEmpty();
            assertThat(both.problems()).as("the problems one refusing server gives").isEqualTo(single.problems())
                    .anyMatch(p -> p.contains("nothing was published"));
            assertThat(both.reposts()).as("each article was refused (a new attempt) as often as by one server")
                    .isEqualTo(single.reposts());
            assertThat(both.failures()).isEqualTo(single.failures());
            assertThat(circuits).contains("a OPEN", "b OPEN");
            assertThat(first.postsReceived() + second.commands("POST"))
                    .as("the paused servers are not asked again: their refusal stands")
                    .isLessThan(2 * only.postsReceived());
            assertThat(took).as("no wait for the paused servers (the wait is up to %s)", options.unavailableWait())
                    .isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void innCarriesTheUploadWhenTheOtherServerAnswersEveryPostWith440() throws Exception {
        InnServer inn = InnServer.require();
        try (FakeNntpServer refusing = FakeNntpServer.start()) {
            refusing.faults().refusePostCommand(true);
            UploadReport report = upload(List.of(refusing.serverOptions("refusing"),
                    NntpServerOptions.defaults("inn", inn.host(), inn.port())));
            assertThat(report.outcome()).as("%s", report).isEqualTo(UploadOutcome.COMPLETE);
            assertThat(report.shareId()).isPresent();
            assertThat(report.reposts()).isZero();
            assertThat(refusing.postsReceived()).as("no article reached the refusing server").isZero();
            assertThat(refusing.commands("POST")).isLessThan((int) (report.articlesPosted() / 2));
            assertThat(circuits).contains("refusing OPEN");
        }
    }
}
