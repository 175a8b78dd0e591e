package io.usync.benchmarks.nntp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.usync.nntp.FetchResult;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpPoolOptions;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.NntpTransport;
import io.usync.nntp.PostResult;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.nntp.testing.TestArticles;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loopback harness of {@code bench/nntp-loopback.sh}: {@code server PORTFILE} runs the fake
 * server (posts are counted, not stored; 32 articles of 740 KB to fetch); {@code client PORT
 * CONNECTIONS MEGABYTES} posts and then fetches that much through the pool and prints MB/s and the
 * client's own CPU seconds per GB (the server runs in another process).
 */
public final class NntpLoopbackBench {

    private static final int ARTICLE_BODY = 740 * 1024;
    private static final int STORED = 32;

    private NntpLoopbackBench() {
    }

    /** Entry point: {@code server PORTFILE} or {@code client PORT CONNECTIONS MEGABYTES}. */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("server")) {
            server(Path.of(args[1]));
        } else if (args.length == 4 && args[0].equals("client")) {
            client(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            System.err.println("usage: server PORTFILE | client PORT CONNECTIONS MEGABYTES");
            System.exit(2);
        }
    }

    private static void server(Path portFile) throws Exception {
        FakeNntpServer server = FakeNntpServer.start(1);
        server.faults().acceptThenDrop(true);
        for (int i = 0; i < STORED; i++) {
            server.putArticle(storedId(i), TestArticles.binaryBody(ARTICLE_BODY, i, false));
        }
        Path tmp = Path.of(portFile + ".tmp");
        Files.writeString(tmp, Integer.toString(server.port()));
        Files.move(tmp, portFile);
        Thread.currentThread().join();
    }

    private static String storedId(int i) {
        return "<stored" + i + "@bench.usync.test>";
    }

    private static void client(int port, int connections, int megabytes) throws Exception {
        NntpServerOptions server = NntpServerOptions.defaults("fake", "127.0.0.1", port)
                .withPipelineDepth(4)
                .withPool(NntpPoolOptions.defaults().withMaxConnections(connections));
        NntpClusterOptions options = NntpClusterOptions.defaults().withTransport(
                NntpTransport.valueOf(System.getProperty("usync.nntp.transport", "AUTO")), 0);
        byte[] body = TestArticles.binaryBody(ARTICLE_BODY, 99, false);
        int count = Math.max(1, (int) ((long) megabytes * 1024 * 1024 / ARTICLE_BODY));
        try (NntpCluster cluster = NntpCluster.create(List.of(server), options, NntpEventListener.NONE)) {
            warmUp(cluster, body);
            long[] post = timed(() -> post(cluster, body, count, connections));
            report("POST", cluster.transport().name(), connections, post);
            long[] fetch = timed(() -> fetch(cluster, count, connections * 4));
            report("BODY", cluster.transport().name(), connections, fetch);
        }
    }

    private static void warmUp(NntpCluster cluster, byte[] body) {
        post(cluster, body, 300, 4);
        fetch(cluster, 300, 8);
    }

    private static long post(NntpCluster cluster, byte[] body, int count, int inFlight) {
        ByteBuf template = TestArticles.article("<template@bench.usync.test>", "alt.binaries.test", body,
                PooledByteBufAllocator.DEFAULT);
        int headerLength = TestArticles.headers("<template@bench.usync.test>", "alt.binaries.test").length();
        Semaphore window = new Semaphore(inFlight * 2);
        AtomicLong bytes = new AtomicLong();
        CompletableFuture<?>[] all = new CompletableFuture<?>[count];
        long run = System.nanoTime();
        for (int i = 0; i < count; i++) {
            window.acquireUninterruptibly();
            String id = "<p" + run + "." + i + "@bench.usync.test>";
            ByteBuf head = PooledByteBufAllocator.DEFAULT.directBuffer(256);
            head.writeCharSequence(TestArticles.headers(id, "alt.binaries.test"), StandardCharsets.US_ASCII);
            ByteBuf article = PooledByteBufAllocator.DEFAULT.compositeDirectBuffer(2)
                    .addComponents(true, head, template.retainedSlice(headerLength, body.length));
            all[i] = cluster.post(id, article).whenComplete((r, e) -> {
                window.release();
                if (r instanceof PostResult.Accepted) {
                    bytes.addAndGet(body.length);
                } else {
                    System.err.println("post failed: " + (e != null ? e : r));
                }
            });
        }
        CompletableFuture.allOf(all).join();
        template.release();
        return bytes.get();
    }

    private static long fetch(NntpCluster cluster, int count, int inFlight) {
        Semaphore window = new Semaphore(inFlight);
        AtomicLong bytes = new AtomicLong();
        CompletableFuture<?>[] all = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            window.acquireUninterruptibly();
            all[i] = cluster.body(storedId(i % STORED), TestArticles.countBytes()).whenComplete((r, e) -> {
                window.release();
                if (r instanceof FetchResult.Fetched<Long> f) {
                    bytes.addAndGet(f.value());
                } else {
                    System.err.println("fetch failed: " + (e != null ? e : r));
                }
            });
        }
        CompletableFuture.allOf(all).join();
        return bytes.get();
    }

    /**
     * Runs the task and returns {bytes, wall nanos, process CPU nanos, JIT busy nanos}: the last (the
     * compiler threads' elapsed time, an upper bound of their CPU on a loaded machine) shows how much
     * of a short run is warm-up rather than the client.
     */
    static long[] timed(java.util.function.LongSupplier task) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var jit = ManagementFactory.getCompilationMXBean();
        long jit0 = jit.getTotalCompilationTime();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        long bytes = task.getAsLong();
        return new long[] {bytes, System.nanoTime() - wall0, os.getProcessCpuTime() - cpu0,
            (jit.getTotalCompilationTime() - jit0) * 1_000_000L};
    }

    static void report(String what, String transport, int connections, long[] m) {
        double mb = m[0] / 1e6;
        double seconds = m[1] / 1e9;
        double cpuPerGb = (m[2] / 1e9) / (m[0] / 1e9);
        double jitPerGb = m.length > 3 ? (m[3] / 1e9) / (m[0] / 1e9) : 0;
        System.out.printf("%-4s transport=%-8s connections=%2d  %8.1f MB/s  client CPU %.2f s/GB"
                + "  (JIT threads busy %.2f s/GB)  (%.0f MB in %.2f s)%n",
                what, transport, connections, mb / seconds, cpuPerGb, jitPerGb, mb, seconds);
    }
}
