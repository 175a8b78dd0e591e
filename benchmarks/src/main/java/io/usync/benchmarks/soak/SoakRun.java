package io.usync.benchmarks.soak;

import io.usync.core.ShareId;
import io.usync.download.DownloadListener;
import io.usync.download.DownloadOptions;
import io.usync.download.DownloadOutcome;
import io.usync.download.DownloadReport;
import io.usync.download.DownloadRequest;
import io.usync.download.Downloader;
import io.usync.download.ShareCredentials;
import io.usync.index.IndexDatabase;
import io.usync.index.IndexOptions;
import io.usync.index.ShareIndex;
import io.usync.index.embedded.EmbeddedPostgresOptions;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpPoolOptions;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.NntpTimeouts;
import io.usync.upload.ClusterTransport;
import io.usync.upload.ShareSpec;
import io.usync.upload.UploadListener;
import io.usync.upload.UploadOptions;
import io.usync.upload.UploadOutcome;
import io.usync.upload.UploadReport;
import io.usync.upload.Uploader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Soak driver: until the deadline, writes a random folder, uploads it through the fault proxy
 * (re-running the same upload until it completes, as a user would), downloads it through the proxy
 * with INN2 itself as fallback (re-running until complete), and compares every byte. Prints one
 * line per round; exits 1 on the first loss.
 *
 * <p>Arguments: seconds, work folder, proxy port, INN2 host, INN2 port, seed.
 */
public final class SoakRun {

    private static final int MAX_RUNS = 10;

    private SoakRun() {
    }

    /** Runs the soak. */
    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: SoakRun <seconds> <work-dir> <proxy-port> <inn-host> <inn-port> <seed>");
            System.exit(2);
        }
        long deadline = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000_000L;
        Path work = Path.of(args[1]);
        NntpServerOptions proxy = server("proxy", "127.0.0.1", Integer.parseInt(args[2]), 0);
        NntpServerOptions inn = server("inn", args[3], Integer.parseInt(args[4]), 1);
        Random random = new Random(Long.parseLong(args[5]));
        UploadOptions upload = UploadOptions.defaults().withArticleSize(64 * 1024).withPostCheckDelay(Duration.ofMillis(200))
                .withInFlightArticles(16);
        IndexOptions index = IndexOptions.defaults().withEmbedded(EmbeddedPostgresOptions.forDataHome(work.resolve("data")));
        int round = 0;
        long bytes = 0;
        try (IndexDatabase database = IndexDatabase.open(index)) {
            ShareIndex shares = new ShareIndex(database);
            while (System.nanoTime() < deadline) {
                round++;
                Path source = work.resolve("round-" + round + "/src");
                long size = writeTree(source, random);
                String id = uploadUntilComplete(upload, shares, proxy, source, round);
                Path out = work.resolve("round-" + round + "/out");
                downloadUntilComplete(upload, List.of(proxy, inn), id, out, round);
                compare(source, out, round);
                bytes += size;
                System.gc();
                Runtime runtime = Runtime.getRuntime();
                System.out.printf(Locale.ROOT, "round %d ok: %.1f MiB, total %.1f MiB, heap after GC %.1f MiB%n", round,
                        size / 1048576.0, bytes / 1048576.0, (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0);
                deleteTree(work.resolve("round-" + round));
            }
        }
        System.out.printf(Locale.ROOT, "soak ok: %d rounds, %.1f MiB uploaded and downloaded, nothing lost%n", round,
                bytes / 1048576.0);
    }

    private static NntpServerOptions server(String name, String host, int port, int tier) {
        return NntpServerOptions.defaults(name, host, port)
                .withTimeouts(new NntpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3),
                        Duration.ofSeconds(5)))
                .withPool(NntpPoolOptions.defaults().withMaxConnections(4).withPendingAcquire(10_000, Duration.ofSeconds(20))
                        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(500)))
                .withPlacement(tier, "server:" + name, EnumSet.allOf(NntpServerOptions.Role.class));
    }

    private static long writeTree(Path root, Random random) throws IOException {
        Files.createDirectories(root.resolve("sub"));
        long total = 0;
        int files = 1 + random.nextInt(12);
        for (int i = 0; i < files; i++) {
            int size = random.nextInt(4) == 0 ? random.nextInt(4 << 20) : random.nextInt(200_000);
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            Files.write(root.resolve(i % 2 == 0 ? "sub" : "").resolve("f" + i + ".bin"), bytes);
            total += size;
        }
        return total;
    }

    private static String uploadUntilComplete(UploadOptions options, ShareIndex shares, NntpServerOptions proxy,
            Path source, int round) throws Exception {
        for (int run = 1; run <= MAX_RUNS; run++) {
            UploadReport report;
            try (NntpCluster cluster = NntpCluster.create(List.of(proxy), NntpClusterOptions.defaults(),
                    NntpEventListener.NONE)) {
                report = new Uploader(options, new ClusterTransport(cluster), shares, UploadListener.NONE)
                        .upload(source, ShareSpec.publicShare());
            }
            if (report.outcome() == UploadOutcome.COMPLETE && report.shareId().isPresent()) {
                return report.shareId().get();
            }
            System.out.printf(Locale.ROOT, "round %d: upload run %d %s (%d problems, e.g. %s); running it again%n",
                    round, run, report.outcome(), report.problems().size(),
                    report.problems().stream().map(p -> p.replaceAll("[0-9]+", "N")).distinct().limit(3).toList());
        }
        throw fail(round, "upload did not complete in " + MAX_RUNS + " runs");
    }

    private static void downloadUntilComplete(UploadOptions upload, List<NntpServerOptions> servers, String id, Path out,
            int round) {
        DownloadOptions options = DownloadOptions.defaults().withSyncData(false).withInFlightArticles(32)
                .withMessageIdDomain(upload.messageIdDomain());
        for (int run = 1; run <= MAX_RUNS; run++) {
            DownloadReport report;
            try (NntpCluster cluster = NntpCluster.create(servers, NntpClusterOptions.defaults(), NntpEventListener.NONE)) {
                report = new Downloader(options, cluster, DownloadListener.NONE)
                        .download(DownloadRequest.share(ShareId.parse(id), ShareCredentials.none(), out));
            }
            if (report.outcome() == DownloadOutcome.COMPLETE) {
                return;
            }
            System.out.printf(Locale.ROOT, "round %d: download run %d %s %s; running it again%n", round, run,
                    report.outcome(), report.failure().orElse(""));
        }
        throw fail(round, "download did not complete in " + MAX_RUNS + " runs");
    }

    private static void compare(Path source, Path out, int round) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path copy = out.resolve(source.relativize(file));
            if (!Files.exists(copy) || Files.mismatch(file, copy) != -1) {
                throw fail(round, "LOSS: " + copy + " differs from " + file);
            }
        }
    }

    private static IllegalStateException fail(int round, String what) {
        System.out.println("round " + round + " FAILED: " + what);
        System.exit(1);
        return new IllegalStateException(what);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
