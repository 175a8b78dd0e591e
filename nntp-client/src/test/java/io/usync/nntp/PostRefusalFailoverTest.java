package io.usync.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.nntp.testing.FakeNntpServer;
import io.usync.nntp.testing.TestArticles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A post server that connects but refuses POST (440, 441): its articles go to the other server, and it is paused. */
@Timeout(30)
class PostRefusalFailoverTest extends FakeServerTestBase {

    private static final int ARTICLES = 60;

    private final List<String> circuitStates = new CopyOnWriteArrayList<>();
    private final NntpEventListener listener = new NntpEventListener() {
        @Override
        public void onCircuitState(String server, String state) {
            circuitStates.add(server + " " + state);
        }
    };

    private NntpCluster cluster(List<NntpServerOptions> servers) {
        return closing(ClusterFixture.cluster(servers, listener));
    }

    private List<PostResult> postMany(NntpCluster cluster, String prefix) {
        List<PostResult> results = new ArrayList<>();
        for (int i = 0; i < ARTICLES; i++) {
            String id = "<" + prefix + i + "@usync.test>";
            results.add(cluster.post(id, TestArticles.article(id, TestArticles.binaryBody(2000, i))).join());
        }
        return results;
    }

    @Test
    void postsThroughTheOtherServerWhenOneAnswersPostingFailed() {
        FakeNntpServer refusing = server();
        FakeNntpServer good = server();
        refusing.faults().rejectEveryNthPost(1);
        NntpCluster cluster = cluster(List.of(refusing.serverOptions("refusing"), good.serverOptions("good")));
        List<PostResult> results = postMany(cluster, "f441-");
        assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(new PostResult.Accepted("good")));
        assertThat(good.postsReceived()).isEqualTo(ARTICLES);
        assertThat(refusing.postsReceived()).as("the refusing server is paused (circuit open), not asked for every article")
                .isGreaterThan(0).isLessThan(ARTICLES / 2);
        assertThat(circuitStates).contains("refusing OPEN");
    }

    @Test
    void postsThroughTheOtherServerWhenOneAnswersPostingNotAllowed() {
        FakeNntpServer refusing = server();
        FakeNntpServer good = server();
        refusing.faults().refusePostCommand(true);
        NntpCluster cluster = cluster(List.of(refusing.serverOptions("refusing"), good.serverOptions("good")));
        List<PostResult> results = postMany(cluster, "f440-");
        assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(new PostResult.Accepted("good")));
        assertThat(refusing.commands("POST")).isGreaterThan(0).isLessThan(ARTICLES / 2);
        assertThat(circuitStates).contains("refusing OPEN");
    }

    @Test
    void aRefusalByEveryServerIsTheLastServersAnswer() {
        FakeNntpServer first = server();
        FakeNntpServer second = server();
        first.faults().rejectEveryNthPost(1);
        second.faults().refusePostCommand(true);
        NntpCluster cluster = cluster(List.of(first.serverOptions("a"), second.serverOptions("b")));
        PostResult result = cluster.post("<both@usync.test>",
                TestArticles.article("<both@usync.test>", TestArticles.binaryBody(100, 1))).join();
        assertThat(result).isInstanceOfSatisfying(PostResult.Rejected.class,
                r -> assertThat(r.code()).isIn(440, 441));
        assertThat(first.postsReceived()).isEqualTo(1);
        assertThat(second.commands("POST")).isEqualTo(1);
    }

    @Test
    void articlesFindingEveryServerPausedForRefusingAreRefusedAtOnce() {
        FakeNntpServer first = server();
        FakeNntpServer second = server();
        first.faults().rejectEveryNthPost(1);
        second.faults().refusePostCommand(true);
        NntpCluster cluster = cluster(List.of(first.serverOptions("a"), second.serverOptions("b")));
        List<PostResult> results = postMany(cluster, "all-");
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(PostResult.Rejected.class,
                rejected -> assertThat(rejected.code()).isIn(440, 441)));
        assertThat(circuitStates).contains("a OPEN", "b OPEN");
        assertThat(first.postsReceived() + second.commands("POST"))
                .as("the paused servers are not asked, and the articles do not wait for them")
                .isLessThan(ARTICLES);
    }

    @Test
    void aSinglePostServerThatRefusesIsNotPausedAndEachArticleGetsItsAnswer() {
        FakeNntpServer refusing = server();
        refusing.faults().rejectEveryNthPost(1);
        NntpCluster cluster = cluster(List.of(refusing.serverOptions("only")));
        List<PostResult> results = postMany(cluster, "one-");
        assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(
                new PostResult.Rejected("only", 441, "posting failed (injected)")));
        assertThat(circuitStates).doesNotContain("only OPEN");
    }
}
