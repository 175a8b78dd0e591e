package io.usync.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.nntp.testing.FakeNntpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pool bounds, eviction, health checks, backoff, circuit breaking, STARTTLS refusal and events. */
@Timeout(30)
class PoolBehaviourTest extends FakeServerTestBase {


    private NntpCluster cluster(NntpClusterOptions options, NntpEventListener listener, NntpServerOptions... servers) {
        return closing(NntpCluster.create(List.of(servers), options, listener));
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    /** Records every event as text. */
    static final class Recorder implements NntpEventListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onConnect(String server, Duration elapsed) {
            events.add("connect " + server);
        }

        @Override
        public void onLogin(String server, boolean accepted) {
            events.add("login " + accepted);
        }

        @Override
        public void onAcquire(String server, boolean reused) {
            events.add("acquire " + reused);
        }

        @Override
        public void onCommandEnd(String server, String verb, int code, long in, long out, long nanos) {
            events.add(verb + " " + code);
        }

        @Override
        public void onBackoff(String server, Duration delay) {
            events.add("backoff");
        }

        @Override
        public void onCircuitState(String server, String state) {
            events.add("circuit " + state);
        }

        @Override
        public void onEviction(String server, String reason) {
            events.add("evict " + reason);
        }
    }

    @Test
    void opensConnectionsAheadUpToTheLimitAndSpreadsThemOverTheEventLoops() throws Exception {
        FakeNntpServer fake = server();
        Recorder recorder = new Recorder();
        NntpCluster c = cluster(NntpClusterOptions.defaults().withTransport(NntpTransport.NIO, 3), recorder,
                fake.serverOptions("a").withPool(fake.serverOptions("a").pool().withMaxConnections(6)));
        c.openAhead(NntpServerOptions.Role.READ);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (c.openConnections("a") < 6 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(c.openConnections("a")).isEqualTo(6);
        c.openAhead(NntpServerOptions.Role.READ);
        assertThat(recorder.events.stream().filter(e -> e.equals("connect a")).count()).isEqualTo(6);
        // The opened connections serve later commands: no seventh connect.
        for (int i = 0; i < 12; i++) {
            c.stat("<x" + i + "@test>", Optional.empty()).join();
        }
        assertThat(recorder.events.stream().filter(e -> e.equals("connect a")).count()).isEqualTo(6);
    }

    @Test
    void refusesCallersBeyondThePendingBound() {
        FakeNntpServer fake = server();
        fake.faults().latency(Duration.ofMillis(300));
        NntpServerOptions one = fake.serverOptions("a").withPipelineDepth(1)
                .withPool(fake.serverOptions("a").pool().withMaxConnections(1).withPendingAcquire(2, Duration.ofSeconds(10)));
        NntpCluster cluster = cluster(ClusterFixture.options(1), NntpEventListener.NONE, one);
        List<CompletableFuture<StatResult>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(cluster.stat("<p" + i + "@t>", Optional.empty()));
        }
        long refused = all.stream().filter(f -> {
            try {
                f.join();
                return false;
            } catch (CompletionException e) {
                return e.getCause() instanceof NntpUnavailableException
                        && e.getCause().getMessage().contains("pendingAcquireMaxCount");
            }
        }).count();
        assertThat(refused).isGreaterThanOrEqualTo(4);
    }

    @Test
    void failsAcquiresThatWaitLongerThanThePendingTimeout() {
        FakeNntpServer fake = server();
        NntpServerOptions one = fake.serverOptions("a").withPipelineDepth(1)
                .withPool(fake.serverOptions("a").pool().withMaxConnections(1).withPendingAcquire(10, Duration.ofMillis(200)));
        NntpCluster cluster = cluster(ClusterFixture.options(1), NntpEventListener.NONE, one);
        cluster.stat("<warm@t>", Optional.empty()).join();
        fake.faults().latency(Duration.ofMillis(800));
        CompletableFuture<StatResult> first = cluster.stat("<a@t>", Optional.empty());
        CompletableFuture<StatResult> second = cluster.stat("<b@t>", Optional.empty());
        CompletableFuture<StatResult> third = cluster.stat("<c@t>", Optional.empty());
        assertThat(first.join()).isInstanceOf(StatResult.Missing.class);
        assertThat(failure(third)).isInstanceOf(NntpUnavailableException.class)
                .hasMessageContaining("pendingAcquireTimeout");
        assertThat(second).isCompletedExceptionally();
    }

    @Test
    void evictsIdleConnectionsWithQuit() throws Exception {
        FakeNntpServer fake = server();
        Recorder recorder = new Recorder();
        NntpServerOptions quick = fake.serverOptions("a").withPool(fake.serverOptions("a").pool()
                .withAges(Duration.ofMillis(200), Duration.ofHours(1), Duration.ofSeconds(30)));
        NntpCluster cluster = cluster(ClusterFixture.options(1), recorder, quick);
        cluster.stat("<x@t>", Optional.empty()).join();
        assertThat(cluster.openConnections("a")).isEqualTo(1);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (cluster.openConnections("a") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(cluster.openConnections("a")).isZero();
        assertThat(recorder.events).contains("evict max idle time");
        while (fake.commands("QUIT") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fake.commands("QUIT")).isEqualTo(1);
    }

    @Test
    void checksHealthWithDateAfterIdle() throws Exception {
        FakeNntpServer fake = server();
        NntpServerOptions checked = fake.serverOptions("a").withPool(fake.serverOptions("a").pool()
                .withAges(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMillis(100)));
        NntpCluster cluster = cluster(ClusterFixture.options(1), NntpEventListener.NONE, checked);
        cluster.stat("<x@t>", Optional.empty()).join();
        assertThat(fake.commands("DATE")).isZero();
        Thread.sleep(300);
        cluster.stat("<y@t>", Optional.empty()).join();
        assertThat(fake.commands("DATE")).isEqualTo(1);
        assertThat(fake.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void backsOffAndOpensTheCircuitOnADeadServer() {
        Recorder recorder = new Recorder();
        NntpServerOptions dead = NntpServerOptions.defaults("dead", "127.0.0.1", 1)
                .withPool(NntpPoolOptions.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)));
        NntpClusterOptions options = ClusterFixture.options(1)
                .withCircuit(new NntpClusterOptions.Circuit(50f, 2, Duration.ofSeconds(30)));
        NntpCluster cluster = cluster(options, recorder, dead);
        assertThat(failure(cluster.stat("<1@t>", Optional.empty()))).isInstanceOf(NntpConnectException.class)
                .hasMessageContaining("Cannot connect to dead");
        failure(cluster.stat("<2@t>", Optional.empty()));
        assertThat(failure(cluster.stat("<3@t>", Optional.empty()))).isInstanceOf(NntpUnavailableException.class)
                .hasMessageContaining("circuit open");
        assertThat(recorder.events).contains("backoff", "circuit OPEN");
    }

    @Test
    void neverFallsBackToClearTextWhenStartTlsIsNotOffered() {
        FakeNntpServer fake = server();
        NntpServerOptions wantsTls = fake.serverOptions("a")
                .withTls(NntpServerOptions.Tls.STARTTLS, Optional.empty(), false);
        NntpCluster cluster = cluster(ClusterFixture.options(1), NntpEventListener.NONE, wantsTls);
        assertThat(failure(cluster.stat("<x@t>", Optional.empty()))).isInstanceOf(NntpTlsException.class)
                .hasMessageContaining("does not offer STARTTLS");
        assertThat(fake.commands("STAT")).isZero();
    }

    @Test
    void sendsModeReaderBeforeLoginWhenAsked() {
        FakeNntpServer fake = server();
        fake.faults().requireAuth("u", "p");
        NntpServerOptions reader = fake.serverOptions("a").withModeReader(NntpServerOptions.ModeReader.ALWAYS)
                .withCredentials(NntpCredentials.of("u", "p"));
        Recorder recorder = new Recorder();
        NntpCluster cluster = cluster(ClusterFixture.options(1), recorder, reader);
        cluster.stat("<x@t>", Optional.empty()).join();
        assertThat(fake.commands("MODE")).isEqualTo(1);
        List<String> setup = recorder.events.stream().filter(e -> !e.startsWith("acquire")).toList();
        assertThat(setup).containsSubsequence("GREETING 200", "CAPABILITIES 101", "MODE 200", "AUTHINFO 381",
                "AUTHINFO 281", "login true", "CAPABILITIES 101", "connect a", "STAT 430");
    }

    @Test
    void reportsOpenedAndReusedConnectionsToTheListener() {
        FakeNntpServer fake = server();
        Recorder recorder = new Recorder();
        NntpCluster cluster = cluster(ClusterFixture.options(1), recorder, fake.serverOptions("a"));
        cluster.stat("<x@t>", Optional.empty()).join();
        cluster.stat("<y@t>", Optional.empty()).join();
        assertThat(recorder.events).containsSubsequence("connect a", "acquire false", "STAT 430", "acquire true",
                "STAT 430");
    }

    @Test
    void postsGetAConnectionWhileManyFetchesShareTheSameServer() {
        FakeNntpServer fake = server();
        for (int i = 0; i < 100; i++) {
            fake.putArticle("<mix" + i + "@t>", "x\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        fake.faults().latency(Duration.ofMillis(5));
        NntpServerOptions two = fake.serverOptions("a").withPipelineDepth(4)
                .withPool(fake.serverOptions("a").pool().withMaxConnections(2));
        NntpCluster cluster = cluster(ClusterFixture.options(3), NntpEventListener.NONE, two);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.add(cluster.body("<mix" + i + "@t>", io.usync.nntp.testing.TestArticles.collectBytes()));
            if (i % 10 == 0) {
                String id = "<mixpost" + i + "@t>";
                all.add(cluster.post(id, io.usync.nntp.testing.TestArticles.article(id, new byte[] {'y'})));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        assertThat(fake.postsReceived()).isEqualTo(10);
        assertThat(fake.postedMoreThanOnce()).isEmpty();
    }
}
