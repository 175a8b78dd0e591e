package io.usync.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.nntp.testing.TestArticles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every body handler made for an attempt hears its fate exactly once, {@code onComplete} or
 * {@code onAbort}, whether the attempt was delivered, missed, faulted, timed out or cut by a shutdown
 * (a handler left untold leaks the caller's decode buffer).
 */
@Timeout(30)
class BodyHandlerFateTest extends FakeServerTestBase {

    private static final EnumSet<NntpServerOptions.Role> ALL = EnumSet.allOf(NntpServerOptions.Role.class);

    /** Makes counting handlers and remembers each one. */
    private static final class CountingHandlers implements BodyHandlerFactory<Long> {

        final List<CountingHandler> made = new CopyOnWriteArrayList<>();

        @Override
        public BodyHandler<Long> newHandler(String server) {
            CountingHandler h = new CountingHandler();
            made.add(h);
            return h;
        }

        int completed() {
            return made.stream().mapToInt(h -> h.completions.get()).sum();
        }

        int aborted() {
            return made.stream().mapToInt(h -> h.aborts.get()).sum();
        }

        void assertEachToldOnce() {
            assertThat(made).isNotEmpty();
            assertThat(completed() + aborted()).as("completions + aborts of %d handlers", made.size())
                    .isEqualTo(made.size());
            assertThat(made).allSatisfy(h -> assertThat(h.completions.get() + h.aborts.get()).isEqualTo(1));
        }
    }

    private static final class CountingHandler implements BodyHandler<Long> {

        final AtomicInteger completions = new AtomicInteger();
        final AtomicInteger aborts = new AtomicInteger();
        private long bytes;

        @Override
        public void onContent(ByteBuf chunk) {
            bytes += chunk.readableBytes();
        }

        @Override
        public Verdict<Long> onComplete() {
            completions.incrementAndGet();
            return Verdict.good(bytes);
        }

        @Override
        public void onAbort(Throwable cause) {
            aborts.incrementAndGet();
        }
    }

    private NntpCluster cluster(int attempts, NntpServerOptions... servers) {
        return closing(NntpCluster.create(List.of(servers), ClusterFixture.options(attempts), NntpEventListener.NONE));
    }

    private static NntpServerOptions fastTimeouts(NntpServerOptions o) {
        return o.withTimeouts(new NntpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(3)));
    }

    private static void settle(List<? extends CompletableFuture<?>> futures) {
        for (CompletableFuture<?> f : futures) {
            f.handle((r, e) -> null).join();
        }
    }

    @Test
    void abortsTheHandlerOfEveryMissBeforeFailingOver() {
        FakeNntpServer a = server();
        FakeNntpServer b = server();
        List<CompletableFuture<FetchResult<Long>>> fetches = new ArrayList<>();
        CountingHandlers handlers = new CountingHandlers();
        NntpCluster cluster = cluster(3, a.serverOptions("a"), b.serverOptions("b").withPlacement(1, "b", ALL));
        for (int i = 0; i < 20; i++) {
            String id = "<m" + i + "@t>";
            if (i % 2 == 0) {
                b.putArticle(id, TestArticles.binaryBody(10_000, i));
            }
            fetches.add(cluster.body(id, handlers));
        }
        settle(fetches);
        assertThat(handlers.made).hasSize(10 * 2 + 10 * 2);
        assertThat(handlers.completed()).isEqualTo(10);
        assertThat(handlers.aborted()).isEqualTo(30);
        handlers.assertEachToldOnce();
    }

    @Test
    void abortsEveryHandlerInFlightWhenTheConnectionDropsMidBody() {
        FakeNntpServer fake = server();
        for (int i = 0; i < 8; i++) {
            fake.putArticle("<d" + i + "@t>", TestArticles.binaryBody(60_000, i));
        }
        fake.faults().dropAfterBytes(150_000);
        CountingHandlers handlers = new CountingHandlers();
        NntpCluster cluster = cluster(3, fake.serverOptions("a"));
        List<CompletableFuture<FetchResult<Long>>> fetches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fetches.add(cluster.body("<d" + i + "@t>", handlers));
        }
        settle(fetches);
        assertThat(handlers.aborted()).isPositive();
        handlers.assertEachToldOnce();
    }

    @Test
    void abortsTheHandlerWhenTheServerStopsAnswering() {
        FakeNntpServer fake = server();
        fake.putArticle("<q@t>", TestArticles.binaryBody(1_000, 1));
        NntpCluster cluster = cluster(2, fastTimeouts(fake.serverOptions("a")));
        CountingHandlers handlers = new CountingHandlers();
        settle(List.of(cluster.body("<q@t>", handlers)));
        fake.faults().stopAnswering(true);
        settle(List.of(cluster.body("<q@t>", handlers), cluster.body("<q@t>", handlers)));
        assertThat(handlers.aborted()).isPositive();
        handlers.assertEachToldOnce();
    }

    @Test
    void abortsEveryHandlerInFlightWhenTheClusterShutsDown() {
        FakeNntpServer fake = server();
        fake.putArticle("<s@t>", TestArticles.binaryBody(1_000, 1));
        NntpCluster cluster = cluster(1, fake.serverOptions("a"));
        CountingHandlers handlers = new CountingHandlers();
        settle(List.of(cluster.body("<s@t>", handlers)));
        fake.faults().stopAnswering(true);
        List<CompletableFuture<FetchResult<Long>>> fetches = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fetches.add(cluster.body("<s@t>", handlers));
        }
        cluster.close();
        settle(fetches);
        assertThat(handlers.aborted()).isPositive();
        handlers.assertEachToldOnce();
    }
}
