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
import io.usync.nntp.testing.InnServer;
import io.usync.nntp.testing.TestArticles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java side of {@code bench/nntp-inn.sh}: {@code raw CONNECTIONS MEGABYTES} posts through a
 * minimal blocking-socket client (the ceiling INN2 allows), {@code client CONNECTIONS MEGABYTES}
 * posts the same amount through {@link NntpCluster} and then fetches it back with BODY.
 */
public final class NntpInnBench {

    private static final int ARTICLE_BODY = 740 * 1024;
    /** Articles posted before the timed phase so the JIT has compiled the hot paths (about 110 MB). */
    private static final int WARM_UP_ARTICLES = Integer.getInteger("usync.bench.warmUpArticles", 150);

    private NntpInnBench() {
    }

    /** Entry point: {@code raw|client CONNECTIONS MEGABYTES}. */
    public static void main(String[] args) throws Exception {
        InnServer inn = InnServer.find(System.getenv(), InnServer.DEFAULT_ENV_FILE)
                .orElseThrow(() -> new IllegalStateException("INN2 not configured: run it-tests/inn/setup-inn.sh"));
        int connections = Integer.parseInt(args[1]);
        int count = Math.max(1, (int) ((long) Integer.parseInt(args[2]) * 1024 * 1024 / ARTICLE_BODY));
        byte[] body = TestArticles.binaryBody(ARTICLE_BODY, 7, false);
        switch (args[0]) {
            case "raw" -> {
                rawPost(inn, body, WARM_UP_ARTICLES, connections);
                long[] m = NntpLoopbackBench.timed(() -> rawPost(inn, body, count, connections));
                NntpLoopbackBench.report("RAW", "socket", connections, m);
            }
            case "client" -> client(inn, body, count, connections);
            default -> throw new IllegalArgumentException("raw|client");
        }
    }

    private static long rawPost(InnServer inn, byte[] body, int count, int connections) {
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        long run = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Socket socket = new Socket(inn.host(), inn.port())) {
                    socket.setTcpNoDelay(true);
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    expect(in, 200, 201);
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        out.write("POST\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        expect(in, 340);
                        String id = "<raw" + run + "." + i + "@bench.usync.test>";
                        out.write(TestArticles.headers(id, inn.group()).getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        expect(in, 240);
                        bytes.addAndGet(body.length);
                    }
                    out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return bytes.get();
    }

    private static void expect(InputStream in, int... codes) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        int code = line.length() >= 3 ? Integer.parseInt(line.substring(0, 3)) : -1;
        for (int c : codes) {
            if (c == code) {
                return;
            }
        }
        throw new IOException("unexpected reply: " + line);
    }

    private static void client(InnServer inn, byte[] body, int count, int connections) {
        NntpServerOptions server = NntpServerOptions.defaults("inn", inn.host(), inn.port())
                .withPipelineDepth(8)
                .withPool(NntpPoolOptions.defaults().withMaxConnections(connections));
        NntpClusterOptions options = NntpClusterOptions.defaults().withTransport(
                NntpTransport.valueOf(System.getProperty("usync.nntp.transport", "AUTO")), 0);
        try (NntpCluster cluster = NntpCluster.create(List.of(server), options, NntpEventListener.NONE)) {
            ConcurrentLinkedQueue<String> posted = new ConcurrentLinkedQueue<>();
            post(cluster, inn.group(), body, WARM_UP_ARTICLES, connections, posted);
            posted.clear();
            long[] p = NntpLoopbackBench.timed(() -> post(cluster, inn.group(), body, count, connections, posted));
            NntpLoopbackBench.report("POST", cluster.transport().name(), connections, p);
            List<String> ids = new ArrayList<>(posted);
            fetch(cluster, ids.subList(0, Math.min(24, ids.size())), connections * 8);
            long[] f = NntpLoopbackBench.timed(() -> fetch(cluster, ids, connections * 8));
            NntpLoopbackBench.report("BODY", cluster.transport().name(), connections, f);
        }
    }

    private static long post(NntpCluster cluster, String group, byte[] body, int count, int connections,
            ConcurrentLinkedQueue<String> posted) {
        ByteBuf shared = PooledByteBufAllocator.DEFAULT.directBuffer(body.length).writeBytes(body);
        Semaphore window = new Semaphore(connections * 2);
        AtomicLong bytes = new AtomicLong();
        long run = System.nanoTime();
        CompletableFuture<?>[] all = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            window.acquireUninterruptibly();
            String id = "<c" + run + "." + i + "@bench.usync.test>";
            ByteBuf head = PooledByteBufAllocator.DEFAULT.directBuffer(256);
            head.writeCharSequence(TestArticles.headers(id, group), StandardCharsets.US_ASCII);
            ByteBuf article = PooledByteBufAllocator.DEFAULT.compositeDirectBuffer(2)
                    .addComponents(true, head, shared.retainedDuplicate());
            all[i] = cluster.post(id, article).whenComplete((r, e) -> {
                window.release();
                if (r instanceof PostResult.Accepted) {
                    bytes.addAndGet(body.length);
                    posted.add(id);
                } else {
                    System.err.println("post failed: " + (e != null ? e : r));
                }
            });
        }
        CompletableFuture.allOf(all).join();
        shared.release();
        return bytes.get();
    }

    private static long fetch(NntpCluster cluster, List<String> ids, int inFlight) {
        Semaphore window = new Semaphore(inFlight);
        AtomicLong bytes = new AtomicLong();
        CompletableFuture<?>[] all = new CompletableFuture<?>[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            window.acquireUninterruptibly();
            all[i] = cluster.body(ids.get(i), TestArticles.countBytes()).whenComplete((r, e) -> {
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

}
