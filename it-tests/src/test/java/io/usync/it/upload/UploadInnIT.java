package io.usync.it.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.netty.buffer.ByteBuf;
import io.usync.core.MessageId;
import io.usync.core.ShareId;
import io.usync.core.crypto.AesGcm;
import io.usync.core.crypto.MessageIds;
import io.usync.core.crypto.ShareKeys;
import io.usync.core.manifest.Manifest;
import io.usync.core.manifest.ManifestAad;
import io.usync.core.manifest.ManifestBlob;
import io.usync.core.manifest.ManifestCodec;
import io.usync.core.manifest.ManifestDescriptor;
import io.usync.core.manifest.ManifestHeader;
import io.usync.core.manifest.ManifestLimits;
import io.usync.index.IndexDatabase;
import io.usync.index.IndexOptions;
import io.usync.index.ShareIndex;
import io.usync.index.testing.TestDatabase;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.PostResult;
import io.usync.nntp.StatResult;
import io.usync.nntp.testing.InnServer;
import io.usync.upload.ArticleTransport;
import io.usync.upload.ClusterTransport;
import io.usync.upload.ShareSpec;
import io.usync.upload.UploadListener;
import io.usync.upload.UploadOptions;
import io.usync.upload.UploadOutcome;
import io.usync.upload.UploadReport;
import io.usync.upload.Uploader;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Uploads to the real INN2 test server with embedded PostgreSQL and checks what landed there. */
class UploadInnIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perTest();

    @TempDir
    Path tree;

    private InnServer inn;
    private IndexDatabase database;
    private ShareIndex index;
    private NntpCluster cluster;
    private final UploadOptions options = UploadOptions.defaults().withArticleSize(256 * 1024)
            .withPostCheckDelay(Duration.ofMillis(200)).withNewsgroups(List.of("alt.binaries.test"));

    @BeforeEach
    void open() {
        inn = InnServer.require();
        database = IndexDatabase.open(IndexOptions.defaults().withJdbcUrl(DB.jdbcUrl(), DB.user(), DB.password()));
        index = new ShareIndex(database);
        NntpServerOptions server = NntpServerOptions.defaults("inn", inn.host(), inn.port());
        cluster = NntpCluster.create(List.of(server), NntpClusterOptions.defaults(), NntpEventListener.NONE);
    }

    @AfterEach
    void close() {
        if (cluster != null) {
            cluster.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private void writeTree(int smallFiles) throws Exception {
        Random random = new Random(42);
        byte[] big = new byte[3 * 1024 * 1024 + 12345];
        random.nextBytes(big);
        Files.createDirectories(tree.resolve("vidéos/große Dateien"));
        Files.write(tree.resolve("vidéos/große Dateien/film 名前.bin"), big);
        for (int i = 0; i < smallFiles; i++) {
            Path file = tree.resolve("small/d" + (i % 17) + "/f-" + i + "-ü.txt");
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[1 + random.nextInt(4096)];
            random.nextBytes(bytes);
            Files.write(file, bytes);
        }
        Files.createDirectories(tree.resolve("empty/folder"));
        Files.write(tree.resolve("empty/zero-length"), new byte[0]);
    }

    private Manifest manifest(ShareId.Public id, int version) throws Exception {
        ShareKeys keys = ShareKeys.derive(id.rootKey());
        MessageId headerId = MessageIds.manifestHeader(id.locator(), version, options.messageIdDomain());
        ManifestHeader header = ManifestHeader.decode(InnArticles.payload(cluster, headerId.withBrackets()));
        AesGcm gcm = new AesGcm(keys.manifest(), new SecureRandom());
        ManifestDescriptor descriptor = ManifestDescriptor.decode(gcm.open(header.sealedDescriptor(),
                ManifestAad.descriptor(id.locator(), version)).orElseThrow());
        MessageIds ids = MessageIds.forShare(keys, options.messageIdDomain());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int page = 0; page < descriptor.pageCount(); page++) {
            byte[] sealed = InnArticles.payload(cluster, ids.manifestPage(version, page).withBrackets());
            body.writeBytes(gcm.open(sealed, ManifestAad.page(id.locator(), version, page,
                    page == descriptor.pageCount() - 1)).orElseThrow());
        }
        byte[] bytes = body.toByteArray();
        return new ManifestCodec(ManifestLimits.defaults()).decode(Zstd.decompress(bytes,
                (int) Zstd.getFrameContentSize(bytes)));
    }

    private List<String> segmentIds(ShareId.Public id, Manifest manifest) {
        MessageIds ids = MessageIds.forShare(ShareKeys.derive(id.rootKey()), options.messageIdDomain());
        var attempts = manifest.attemptsBySegment();
        List<String> all = new ArrayList<>();
        for (ManifestBlob blob : manifest.blobs()) {
            for (int s = 0; s < blob.segmentCount(); s++) {
                int attempt = attempts.getOrDefault(new Manifest.SegmentKey(blob.key(), s), 0);
                all.add(ids.segment(blob.originVersion(), blob.kind(), blob.index(), s, attempt).withBrackets());
            }
        }
        return all;
    }

    @Test
    void uploadsAMixedTreeThatStatFindsAndWhoseHeadersLeakNothing() throws Exception {
        writeTree(2000);
        UploadReport report = new Uploader(options, new ClusterTransport(cluster), index, UploadListener.NONE)
                .upload(tree, ShareSpec.publicShare());
        assertThat(report.outcome()).as(report.problems().toString()).isEqualTo(UploadOutcome.COMPLETE);
        ShareId.Public id = (ShareId.Public) ShareId.parse(report.shareId().orElseThrow());
        Manifest manifest = manifest(id, 1);
        assertThat(manifest.files()).hasSize(2002);
        assertThat(manifest.folders()).contains("empty/folder", "vidéos/große Dateien");
        List<String> ids = segmentIds(id, manifest);
        assertThat(ids.size()).isGreaterThan(14);
        for (String messageId : ids) {
            assertThat(cluster.stat(messageId, Optional.empty()).join()).as(messageId)
                    .isInstanceOf(StatResult.Found.class);
        }
        for (String messageId : ids.subList(0, 5)) {
            String headers = InnArticles.head(inn.host(), inn.port(), messageId).lines()
                    .filter(l -> l.matches("(From|Subject|Message-ID|Newsgroups|Date): .*"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertThat(headers.lines()).hasSize(5);
            // Whole names only: short fragments such as "vid" occur by chance in random base32 subjects.
            assertThat(headers).doesNotContain("film 名前", "usync", "Dateien", "vidéos", "große", "small/", "名前",
                    "-ü.txt", String.valueOf(3 * 1024 * 1024 + 12345));
            assertThat(headers).contains("Newsgroups: alt.binaries.test");
        }
    }

    @Test
    void resumesAnInterruptedUploadPostingEachDerivedIdOnce() throws Exception {
        writeTree(300);
        CountingTransport counting = new CountingTransport(new ClusterTransport(cluster));
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicInteger posted = new AtomicInteger();
        UploadListener interrupter = new UploadListener() {
            @Override
            public void articlePosted(long payloadBytes) {
                if (posted.incrementAndGet() == 6) {
                    worker.get().interrupt();
                }
            }
        };
        UploadOptions small = options.withInFlightArticles(4);
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                new Uploader(small, counting, index, interrupter).upload(tree, ShareSpec.publicShare());
            } catch (Exception | Error e) {
                // The interruption is the point of this run.
            }
        });
        worker.set(thread);
        thread.join(120_000);
        assertThat(thread.isAlive()).isFalse();
        int firstRun = counting.accepted.size();
        assertThat(firstRun).isGreaterThan(0);
        UploadReport report = new Uploader(small, counting, index, UploadListener.NONE).upload(tree,
                ShareSpec.publicShare());
        assertThat(report.outcome()).as(report.problems().toString()).isEqualTo(UploadOutcome.COMPLETE);
        ShareId.Public id = (ShareId.Public) ShareId.parse(report.shareId().orElseThrow());
        List<String> ids = segmentIds(id, manifest(id, 1));
        for (String messageId : ids) {
            assertThat(counting.accepted.getOrDefault(messageId, new AtomicInteger()).get()).as(messageId).isEqualTo(1);
        }
        long duplicates = counting.duplicates.values().stream().mapToInt(AtomicInteger::get).sum();
        assertThat(duplicates).isLessThanOrEqualTo(small.inFlightArticles());
    }

    /** Counts, per Message-ID, how many posts were accepted and how many were answered as duplicates. */
    static final class CountingTransport implements ArticleTransport {
        final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> duplicates = new ConcurrentHashMap<>();
        private final ArticleTransport delegate;

        CountingTransport(ArticleTransport delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<PostResult> post(String messageId, ByteBuf article) {
            return delegate.post(messageId, article).whenComplete((result, error) -> {
                if (result instanceof PostResult.Accepted) {
                    accepted.computeIfAbsent(messageId, k -> new AtomicInteger()).incrementAndGet();
                } else if (result instanceof PostResult.Duplicate) {
                    duplicates.computeIfAbsent(messageId, k -> new AtomicInteger()).incrementAndGet();
                }
            });
        }

        @Override
        public CompletableFuture<StatResult> stat(String messageId, Optional<String> avoidServer) {
            return delegate.stat(messageId, avoidServer);
        }
    }
}
