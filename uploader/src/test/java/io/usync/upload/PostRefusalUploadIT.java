package io.usync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.nntp.testing.InnServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two post servers, one of which connects but refuses every POST (441 posting failed, 440 posting
 * not allowed): the other server carries the whole upload, each article is posted once there, the
 * refusing server is paused (its circuit opens) instead of being asked for every article, and the
 * share is published.
 */
class PostRefusalUploadIT extends IndexedUploadTestBase {

    private final List<String> circuits = new CopyOnWriteArrayList<>();
    private final UploadOptions options = UploadOptions.defaults().withPostCheckDelay(Duration.ZERO)
            .withArticleSize(8 * 1024);

    @BeforeEach
    void writeTree() throws Exception {
        write("data.bin", 2_000_000, 11);
    }

    private UploadReport upload(List<NntpServerOptions> servers) throws Exception {
        NntpEventListener listener = new NntpEventListener() {
            @Override
            public void onCircuitState(String server, String state) {
                circuits.add(server + " " + state);
            }
        };
        return uploadThrough(servers, listener, options, UploadListener.NONE);
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
