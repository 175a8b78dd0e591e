package io.usync.nntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.nntp.testing.FakeNntpServer;
import io.usync.nntp.testing.TestArticles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each fault of the fake server, and what the client does about it: retry, failover, timeout or a clear error. */
@Timeout(30)
class FaultInjectionTest extends FakeServerTestBase {

    private static final EnumSet<NntpServerOptions.Role> ALL = EnumSet.allOf(NntpServerOptions.Role.class);

    private NntpCluster cluster(int attempts, NntpServerOptions... servers) {
        return closing(NntpCluster.create(List.of(servers), ClusterFixture.options(attempts), NntpEventListener.NONE));
    }

    private static NntpServerOptions fastTimeouts(NntpServerOptions o) {
        return o.withTimeouts(new NntpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(3)));
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void stillFetchesWithLatencyOnEveryReply() {
        FakeNntpServer fake = server();
        fake.putArticle("<l@t>", ascii("slow\r\n"));
        fake.faults().latency(Duration.ofMillis(150));
        NntpCluster cluster = cluster(3, fake.serverOptions("a"));
        assertThat(cluster.body("<l@t>", TestArticles.collectBytes()).join()).isInstanceOf(FetchResult.Fetched.class);
    }

    @Test
    void fetchesCompletelyUnderABandwidthCap() {
        FakeNntpServer fake = server();
        byte[] body = TestArticles.binaryBody(200_000, 3);
        fake.putArticle("<bw@t>", body);
        fake.faults().bandwidth(2_000_000);
        NntpCluster cluster = cluster(3, fake.serverOptions("a"));
        FetchResult<byte[]> r = cluster.body("<bw@t>", TestArticles.collectBytes()).join();
        assertThat(((FetchResult.Fetched<byte[]>) r).value()).isEqualTo(body);
    }

    @Test
    void failsOverWhenAServerDropsTheConnectionAfterSomeBytes() {
        FakeNntpServer a = server();
        FakeNntpServer b = server();
        byte[] body = TestArticles.binaryBody(100_000, 4);
        a.putArticle("<drop@t>", body);
        b.putArticle("<drop@t>", body);
        a.faults().dropAfterBytes(10_000);
        NntpCluster cluster = cluster(3, a.serverOptions("a"), b.serverOptions("b").withPlacement(1, "b", ALL));
        FetchResult<byte[]> r = cluster.body("<drop@t>", TestArticles.collectBytes()).join();
        assertThat(r).isInstanceOfSatisfying(FetchResult.Fetched.class, f -> assertThat(f.server()).isEqualTo("b"));
    }

    @Test
    void failsWithAClearErrorWhenTheOnlyServerDropsMidBodyEveryTime() {
        FakeNntpServer fake = server();
        fake.putArticle("<mid@t>", TestArticles.binaryBody(50_000, 5));
        fake.faults().dropMidBody(true);
        NntpCluster cluster = cluster(2, fake.serverOptions("a"));
        Throwable error = failure(cluster.body("<mid@t>", TestArticles.collectBytes()));
        assertThat(error).isInstanceOf(NntpConnectionLostException.class).hasMessageContaining("a");
        assertThat(fake.commands("BODY")).isEqualTo(2);
    }

    @Test
    void retriesOnAnotherServerWhenTheConnectionDropsMidBody() {
        FakeNntpServer a = server();
        FakeNntpServer b = server();
        a.putArticle("<mb@t>", TestArticles.binaryBody(50_000, 6));
        b.putArticle("<mb@t>", TestArticles.binaryBody(50_000, 6));
        a.faults().dropMidBody(true);
        NntpCluster cluster = cluster(3, a.serverOptions("a"), b.serverOptions("b").withPlacement(1, "b", ALL));
        assertThat(cluster.body("<mb@t>", TestArticles.collectBytes()).join())
                .isInstanceOfSatisfying(FetchResult.Fetched.class, f -> assertThat(f.server()).isEqualTo("b"));
    }

    @Test
    void returnsInjected441AsARejectedValueWithItsText() {
        FakeNntpServer fake = server();
        fake.faults().rejectEveryNthPost(3);
        NntpCluster cluster = cluster(3, fake.serverOptions("a"));
        List<PostResult> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(cluster.post("<n" + i + "@t>", TestArticles.article("<n" + i + "@t>", ascii("x\r\n"))).join());
        }
        assertThat(results.stream().filter(r -> r instanceof PostResult.Rejected)).hasSize(2)
                .allSatisfy(r -> assertThat(((PostResult.Rejected) r).text()).contains("injected"));
        assertThat(fake.postedMoreThanOnce()).isEmpty();
    }

    @Test
    void reportsChosenIdsAsMissing() {
        FakeNntpServer fake = server();
        fake.putArticle("<gone@t>", ascii("x\r\n"));
        fake.faults().missing("<gone@t>");
        NntpCluster cluster = cluster(3, fake.serverOptions("a"));
        assertThat(cluster.stat("<gone@t>", Optional.empty()).join()).isEqualTo(new StatResult.Missing(List.of("a")));
        assertThat(cluster.body("<gone@t>", TestArticles.collectBytes()).join())
                .isEqualTo(new FetchResult.Missing<byte[]>(List.of("a")));
    }

    @Test
    void statRevealsAnArticleThatWasAcceptedThenSilentlyDropped() {
        FakeNntpServer fake = server();
        fake.faults().acceptThenDrop(true);
        NntpCluster cluster = cluster(3, fake.serverOptions("a"));
        assertThat(cluster.post("<sd@t>", TestArticles.article("<sd@t>", ascii("x\r\n"))).join())
                .isInstanceOf(PostResult.Accepted.class);
        assertThat(cluster.stat("<sd@t>", Optional.empty()).join()).isInstanceOf(StatResult.Missing.class);
    }

    @Test
    void retriesALostPostReplyAndLearnsTheArticleIsAlreadyThere() {
        FakeNntpServer fake = server();
        fake.faults().loseReplyAfterStore(1);
        NntpCluster cluster = cluster(3, fake.serverOptions("a"));
        PostResult result = cluster.post("<lost@t>", TestArticles.article("<lost@t>", ascii("x\r\n"))).join();
        assertThat(result).isInstanceOf(PostResult.Duplicate.class);
        assertThat(fake.article("<lost@t>")).isPresent();
        assertThat(fake.timesPosted("<lost@t>")).isEqualTo(2);
    }

    @Test
    void postsEachArticleOnceWhenNothingFails() {
        FakeNntpServer fake = server();
        NntpCluster cluster = cluster(3, fake.serverOptions("a"));
        List<CompletableFuture<PostResult>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(cluster.post("<once" + i + "@t>", TestArticles.article("<once" + i + "@t>", ascii("x\r\n"))));
        }
        all.forEach(f -> assertThat(f.join()).isInstanceOf(PostResult.Accepted.class));
        assertThat(fake.postedMoreThanOnce()).isEmpty();
        assertThat(fake.postsReceived()).isEqualTo(40);
    }

    @Test
    void shrinksThePoolWhenTheServerRefusesExtraConnections() {
        FakeNntpServer fake = server();
        for (int i = 0; i < 50; i++) {
            fake.putArticle("<c" + i + "@t>", ascii("x\r\n"));
        }
        fake.faults().maxConnections(1);
        NntpCluster cluster = cluster(5, fake.serverOptions("a").withPipelineDepth(1));
        List<CompletableFuture<FetchResult<byte[]>>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(cluster.body("<c" + i + "@t>", TestArticles.collectBytes()));
        }
        all.forEach(f -> assertThat(f.join()).isInstanceOf(FetchResult.Fetched.class));
        assertThat(cluster.connectionLimit("a")).isEqualTo(1);
        assertThat(fake.connectionsAccepted()).isLessThan(10);
    }

    @Test
    void logsInWhenTheServerRequiresIt() {
        FakeNntpServer fake = server();
        fake.putArticle("<au@t>", ascii("x\r\n"));
        fake.faults().requireAuth("joe", "s3cret");
        NntpCluster cluster = cluster(3, fake.serverOptions("a").withCredentials(NntpCredentials.of("joe", "s3cret")));
        assertThat(cluster.body("<au@t>", TestArticles.collectBytes()).join()).isInstanceOf(FetchResult.Fetched.class);
    }

    @Test
    void failsClearlyWithoutRetryOnAWrongPassword() {
        FakeNntpServer fake = server();
        fake.faults().requireAuth("joe", "s3cret");
        NntpCluster cluster = cluster(3, fake.serverOptions("a").withCredentials(NntpCredentials.of("joe", "wrong-pw")));
        Throwable error = failure(cluster.stat("<x@t>", Optional.empty()));
        assertThat(error).isInstanceOf(NntpAuthException.class).hasMessageContaining("joe")
                .hasMessageContaining("481").hasMessageNotContaining("wrong-pw");
        assertThat(fake.commands("AUTHINFO")).isEqualTo(2);
    }

    @Test
    void failsClearlyWhenTheServerWantsALoginWeDoNotHave() {
        FakeNntpServer fake = server();
        fake.faults().requireAuth("joe", "s3cret");
        NntpCluster cluster = cluster(3, fake.serverOptions("a"));
        assertThat(failure(cluster.body("<x@t>", TestArticles.collectBytes())))
                .isInstanceOf(NntpAuthException.class).hasMessageContaining("480");
    }

    @Test
    void logsInAgainWhenTheServerAsksMidSession() {
        FakeNntpServer fake = server();
        fake.putArticle("<re@t>", ascii("x\r\n"));
        fake.faults().requireAuth("joe", "s3cret");
        NntpCluster cluster = cluster(3, fake.serverOptions("a").withCredentials(NntpCredentials.of("joe", "s3cret")));
        cluster.stat("<re@t>", Optional.empty()).join();
        fake.faults().forgetLogins(1);
        assertThat(cluster.body("<re@t>", TestArticles.collectBytes()).join()).isInstanceOf(FetchResult.Fetched.class);
        assertThat(fake.commands("AUTHINFO")).isEqualTo(4);
        assertThat(fake.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void connectsDespiteASlowGreeting() {
        FakeNntpServer fake = server();
        fake.faults().greetingDelay(Duration.ofMillis(300));
        NntpCluster cluster = cluster(3, fake.serverOptions("a"));
        assertThat(cluster.stat("<x@t>", Optional.empty()).join()).isInstanceOf(StatResult.Missing.class);
    }

    @Test
    void timesOutWhenTheGreetingNeverComes() {
        FakeNntpServer fake = server();
        fake.faults().noGreeting(true);
        NntpCluster cluster = cluster(2, fastTimeouts(fake.serverOptions("a")));
        assertThat(failure(cluster.stat("<x@t>", Optional.empty())))
                .isInstanceOf(NntpTimeoutException.class).hasMessageContaining("a");
    }

    @Test
    void refusesCleanlyOnGreeting400() {
        FakeNntpServer fake = server();
        fake.faults().greetingCode(400);
        NntpCluster cluster = cluster(2, fake.serverOptions("a"));
        assertThat(failure(cluster.stat("<x@t>", Optional.empty())))
                .isInstanceOf(NntpConnectException.class).hasMessageContaining("400");
    }

    @Test
    void closesTheConnectionOnGarbageReplies() {
        FakeNntpServer fake = server();
        fake.faults().garbageReplies(true);
        NntpCluster cluster = cluster(2, fake.serverOptions("a"));
        assertThat(failure(cluster.stat("<x@t>", Optional.empty())))
                .isInstanceOf(NntpProtocolException.class).hasMessageContaining("malformed");
    }

    @Test
    void closesTheConnectionOnOverlongLines() {
        FakeNntpServer fake = server();
        fake.faults().overlongReplies(true);
        NntpCluster cluster = cluster(2, fake.serverOptions("a"));
        assertThat(failure(cluster.stat("<x@t>", Optional.empty())))
                .isInstanceOf(NntpProtocolException.class).hasMessageContaining("longer");
    }

    @Test
    void reportsMissingWhenTheHealthyServerMissesAndTheOtherKeepsFaulting() {
        FakeNntpServer faulty = server();
        FakeNntpServer healthy = server();
        faulty.faults().garbageReplies(true);
        NntpCluster cluster = cluster(5, faulty.serverOptions("a"), healthy.serverOptions("b").withPlacement(1, "b", ALL));
        assertThat(cluster.body("<absent@t>", TestArticles.collectBytes()).join())
                .isEqualTo(new FetchResult.Missing<byte[]>(List.of("b")));
        assertThat(cluster.stat("<absent@t>", Optional.empty()).join()).isEqualTo(new StatResult.Missing(List.of("b")));
    }

    @Test
    void timesOutWhenTheServerStopsAnswering() {
        FakeNntpServer fake = server();
        NntpCluster cluster = cluster(2, fastTimeouts(fake.serverOptions("a")));
        cluster.stat("<x@t>", Optional.empty()).join();
        fake.faults().stopAnswering(true);
        assertThat(failure(cluster.body("<x@t>", TestArticles.collectBytes())))
                .isInstanceOf(NntpTimeoutException.class);
    }

    @Test
    void reconnectsTransparentlyWhenTheServerEndsLongSessions() {
        FakeNntpServer fake = server();
        for (int i = 0; i < 20; i++) {
            fake.putArticle("<s" + i + "@t>", ascii("x\r\n"));
        }
        fake.faults().commandsPerSession(5);
        NntpCluster cluster = cluster(3, fake.serverOptions("a"));
        for (int i = 0; i < 20; i++) {
            assertThat(cluster.body("<s" + i + "@t>", TestArticles.collectBytes()).join())
                    .isInstanceOf(FetchResult.Fetched.class);
        }
        assertThat(fake.connectionsAccepted()).isGreaterThan(1);
    }

    @Test
    void failsOverWhenAServerIsDown() {
        FakeNntpServer b = server();
        b.putArticle("<dn@t>", ascii("x\r\n"));
        NntpServerOptions dead = NntpServerOptions.defaults("dead", "127.0.0.1", 1);
        NntpCluster cluster = cluster(3, dead, b.serverOptions("b").withPlacement(1, "b", ALL));
        assertThat(cluster.body("<dn@t>", TestArticles.collectBytes()).join())
                .isInstanceOfSatisfying(FetchResult.Fetched.class, f -> assertThat(f.server()).isEqualTo("b"));
    }

    @Test
    void rejectsMessageIdsThatWouldInjectCommands() {
        FakeNntpServer fake = server();
        NntpCluster cluster = cluster(3, fake.serverOptions("a"));
        assertThatThrownBy(() -> cluster.stat("<a@b>\r\nQUIT", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retriesEveryPipelinedCommandWhenTheConnectionDiesUnderThem() {
        FakeNntpServer fake = server();
        for (int i = 0; i < 60; i++) {
            fake.putArticle("<pl" + i + "@t>", ascii("body " + i + "\r\n"));
        }
        fake.faults().commandsPerSession(12);
        NntpCluster cluster = cluster(5, fake.serverOptions("a").withPipelineDepth(4));
        List<CompletableFuture<FetchResult<byte[]>>> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            all.add(cluster.body("<pl" + i + "@t>", TestArticles.collectBytes()));
        }
        for (int i = 0; i < 60; i++) {
            FetchResult<byte[]> r = all.get(i).join();
            assertThat(new String(((FetchResult.Fetched<byte[]>) r).value(), StandardCharsets.US_ASCII))
                    .isEqualTo("body " + i + "\r\n");
        }
        assertThat(fake.connectionsAccepted()).isGreaterThan(4);
    }
}
