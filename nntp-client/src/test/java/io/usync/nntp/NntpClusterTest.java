package io.usync.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.nntp.testing.TestArticles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class NntpClusterTest extends FakeServerTestBase {


    private NntpCluster cluster(List<NntpServerOptions> servers, NntpEventListener listener) {
        return closing(ClusterFixture.cluster(servers, listener));
    }

    @Test
    void postsThenFetchesAndStatsTheSameBytes() {
        FakeNntpServer fake = server();
        NntpCluster cluster = cluster(List.of(fake.serverOptions("a")), NntpEventListener.NONE);
        byte[] body = TestArticles.binaryBody(300_000, 1);
        PostResult posted = cluster.post("<p1@usync.test>", TestArticles.article("<p1@usync.test>", body)).join();
        assertThat(posted).isEqualTo(new PostResult.Accepted("a"));
        assertThat(fake.body("<p1@usync.test>")).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
        FetchResult<byte[]> fetched = cluster.body("<p1@usync.test>", TestArticles.collectBytes()).join();
        assertThat(fetched).isInstanceOfSatisfying(FetchResult.Fetched.class,
                f -> assertThat((byte[]) f.value()).isEqualTo(body));
        assertThat(cluster.stat("<p1@usync.test>", Optional.empty()).join()).isEqualTo(new StatResult.Found("a"));
        assertThat(fake.timesPosted("<p1@usync.test>")).isEqualTo(1);
    }

    @Test
    void unstuffsBodiesWhoseLinesStartWithDots() {
        FakeNntpServer fake = server();
        byte[] body = ".\r\n..\r\n.x\r\nplain\r\n".getBytes(StandardCharsets.US_ASCII);
        NntpCluster cluster = cluster(List.of(fake.serverOptions("a")), NntpEventListener.NONE);
        assertThat(cluster.post("<d@t>", TestArticles.article("<d@t>", body)).join())
                .isInstanceOf(PostResult.Accepted.class);
        FetchResult<byte[]> fetched = cluster.body("<d@t>", TestArticles.collectBytes()).join();
        assertThat(new String(((FetchResult.Fetched<byte[]>) fetched).value(), StandardCharsets.US_ASCII))
                .isEqualTo(".\r\n..\r\n.x\r\nplain\r\n");
    }

    @Test
    void pipelinesManyFetchesOverTheConnectionLimit() {
        FakeNntpServer fake = server();
        for (int i = 0; i < 200; i++) {
            fake.putArticle("<m" + i + "@t>", ("body " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        NntpMetrics metrics = new NntpMetrics();
        NntpCluster cluster = cluster(List.of(fake.serverOptions("a")
                .withPool(fake.serverOptions("a").pool().withMaxConnections(2))), metrics);
        List<CompletableFuture<FetchResult<byte[]>>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(cluster.body("<m" + i + "@t>", TestArticles.collectBytes()));
        }
        for (int i = 0; i < 200; i++) {
            FetchResult<byte[]> r = all.get(i).join();
            assertThat(new String(((FetchResult.Fetched<byte[]>) r).value(), StandardCharsets.US_ASCII))
                    .isEqualTo("body " + i + "\r\n");
        }
        assertThat(fake.connectionsAccepted()).isLessThanOrEqualTo(2);
        NntpMetrics.Snapshot snap = metrics.snapshot();
        assertThat(snap.codes()).containsEntry(222, 200L);
        assertThat(snap.reuseRate()).isGreaterThan(0.9);
        assertThat(snap.bytesIn()).isGreaterThan(200 * 7);
        assertThat(snap.p50()).isPositive();
    }

    @Test
    void reportsMissingWithEveryServerTriedWhenAllMiss() {
        FakeNntpServer a = server();
        FakeNntpServer b = server();
        NntpCluster cluster = cluster(List.of(a.serverOptions("a"), b.serverOptions("b")), NntpEventListener.NONE);
        assertThat(cluster.stat("<none@t>", Optional.empty()).join())
                .isEqualTo(new StatResult.Missing(List.of("a", "b")));
        FetchResult<byte[]> r = cluster.body("<none@t>", TestArticles.collectBytes()).join();
        assertThat(r).isEqualTo(new FetchResult.Missing<byte[]>(List.of("a", "b")));
        assertThat(a.commands("BODY")).isEqualTo(1);
        assertThat(b.commands("BODY")).isEqualTo(1);
    }

    @Test
    void failsOverToTheNextServerWhenTheArticleIsMissing() {
        FakeNntpServer a = server();
        FakeNntpServer b = server();
        b.putArticle("<x@t>", "hello\r\n".getBytes(StandardCharsets.US_ASCII));
        NntpCluster cluster = cluster(List.of(a.serverOptions("a"), b.serverOptions("b").withPlacement(1, "b",
                EnumSet.allOf(NntpServerOptions.Role.class))), NntpEventListener.NONE);
        FetchResult<byte[]> r = cluster.body("<x@t>", TestArticles.collectBytes()).join();
        assertThat(r).isInstanceOfSatisfying(FetchResult.Fetched.class, f -> assertThat(f.server()).isEqualTo("b"));
        assertThat(a.commands("BODY")).isEqualTo(1);
    }

    @Test
    void movesOnAfterABadVerdictAndNeverAsksTheSameServerTwice() {
        FakeNntpServer a = server();
        FakeNntpServer b = server();
        a.putArticle("<c@t>", "corrupt\r\n".getBytes(StandardCharsets.US_ASCII));
        b.putArticle("<c@t>", "good\r\n".getBytes(StandardCharsets.US_ASCII));
        NntpCluster cluster = cluster(List.of(a.serverOptions("a"), b.serverOptions("b").withPlacement(1, "b",
                EnumSet.allOf(NntpServerOptions.Role.class))), NntpEventListener.NONE);
        BodyHandlerFactory<String> judge = server -> new BodyHandler<>() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public void onContent(ByteBuf chunk) {
                text.append(chunk.toString(StandardCharsets.US_ASCII));
            }

            @Override
            public Verdict<String> onComplete() {
                return text.toString().startsWith("good") ? Verdict.good(text.toString()) : Verdict.bad("crc mismatch");
            }
        };
        assertThat(cluster.body("<c@t>", judge).join()).isEqualTo(new FetchResult.Fetched<>("b", "good\r\n"));
        b.faults().missing("<c@t>");
        assertThat(cluster.body("<c@t>", judge).join())
                .isEqualTo(new FetchResult.Corrupt<String>(List.of("a", "b"), List.of("a: crc mismatch")));
        assertThat(a.commands("BODY")).isEqualTo(2);
    }

    @Test
    void skipsServersOfTheSameGroupAfterAMiss() {
        FakeNntpServer a1 = server();
        FakeNntpServer a2 = server();
        FakeNntpServer b = server();
        a2.putArticle("<g@t>", "x\r\n".getBytes(StandardCharsets.US_ASCII));
        b.putArticle("<g@t>", "x\r\n".getBytes(StandardCharsets.US_ASCII));
        var roles = EnumSet.allOf(NntpServerOptions.Role.class);
        NntpCluster cluster = cluster(List.of(a1.serverOptions("a1").withPlacement(0, "backendA", roles),
                a2.serverOptions("a2").withPlacement(1, "backendA", roles),
                b.serverOptions("b").withPlacement(2, "backendB", roles)), NntpEventListener.NONE);
        FetchResult<byte[]> r = cluster.body("<g@t>", TestArticles.collectBytes()).join();
        assertThat(r).isInstanceOfSatisfying(FetchResult.Fetched.class, f -> assertThat(f.server()).isEqualTo("b"));
        assertThat(a2.commands("BODY")).isZero();
    }

    @Test
    void usesTheLowestPriorityTierFirstAndRolesToChooseServers() {
        FakeNntpServer poster = server();
        FakeNntpServer backup = server();
        NntpCluster cluster = cluster(List.of(
                backup.serverOptions("backup").withPlacement(5, "backup", EnumSet.allOf(NntpServerOptions.Role.class)),
                poster.serverOptions("poster").withPlacement(0, "poster", EnumSet.of(NntpServerOptions.Role.POST))),
                NntpEventListener.NONE);
        for (int i = 0; i < 5; i++) {
            assertThat(cluster.post("<r" + i + "@t>", TestArticles.article("<r" + i + "@t>", new byte[] {'a'})).join())
                    .isEqualTo(new PostResult.Accepted("poster"));
        }
        assertThat(cluster.stat("<r0@t>", Optional.empty()).join()).isInstanceOf(StatResult.Missing.class);
        assertThat(backup.commands("STAT")).isEqualTo(1);
        assertThat(poster.commands("STAT")).isZero();
    }

    @Test
    void statPrefersAServerOtherThanTheOneAvoided() {
        FakeNntpServer a = server();
        FakeNntpServer b = server();
        b.putArticle("<s@t>", "x\r\n".getBytes(StandardCharsets.US_ASCII));
        NntpCluster cluster = cluster(List.of(a.serverOptions("a"), b.serverOptions("b")), NntpEventListener.NONE);
        assertThat(cluster.stat("<s@t>", Optional.of("a")).join()).isEqualTo(new StatResult.Found("b"));
        assertThat(a.commands("STAT")).isZero();
    }

    @Test
    void reportsDuplicatePostsAsValues() {
        FakeNntpServer fake = server();
        NntpCluster cluster = cluster(List.of(fake.serverOptions("a")), NntpEventListener.NONE);
        cluster.post("<dup@t>", TestArticles.article("<dup@t>", new byte[] {'a'})).join();
        assertThat(cluster.post("<dup@t>", TestArticles.article("<dup@t>", new byte[] {'a'})).join())
                .isInstanceOfSatisfying(PostResult.Duplicate.class, d -> assertThat(d.text()).contains("435"));
    }

    @Test
    void probeReportsCapabilitiesAndLatency() {
        FakeNntpServer fake = server();
        NntpCluster cluster = cluster(List.of(fake.serverOptions("a")), NntpEventListener.NONE);
        ProbeReport report = cluster.probe("a").join();
        assertThat(report.postingAllowed()).isTrue();
        assertThat(report.capabilities()).contains("VERSION 2", "READER");
        assertThat(report.tls()).isFalse();
        assertThat(report.dateLatency()).isPositive();
    }

    @Test
    void closesConnectionsWithQuit() {
        FakeNntpServer fake = server();
        NntpCluster cluster = NntpCluster.create(List.of(fake.serverOptions("a")), ClusterFixture.options(3),
                NntpEventListener.NONE);
        cluster.stat("<q@t>", Optional.empty()).join();
        cluster.close();
        assertThat(fake.commands("QUIT")).isEqualTo(1);
    }
}
