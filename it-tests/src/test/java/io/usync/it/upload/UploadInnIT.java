package io.usync.it.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.netty.buffer.ByteBuf;
import io.usync.core.ShareId;
import io.usync.core.crypto.AesGcm;
import io.usync.core.crypto.OpenResult;
import io.usync.core.crypto.SegmentAad;
import io.usync.core.crypto.SegmentSealer;
import io.usync.core.crypto.MessageIds;
import io.usync.core.crypto.ShareKeys;
import io.usync.core.manifest.BlobKey;
import io.usync.core.manifest.FileLocation;
import io.usync.core.manifest.Manifest;
import io.usync.core.manifest.ManifestAad;
import io.usync.core.manifest.ManifestBlob;
import io.usync.core.manifest.ManifestCodec;
import io.usync.core.manifest.ManifestDescriptor;
import io.usync.core.manifest.ManifestFile;
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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
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
        return manifest(id, version, messageId -> InnArticles.payload(cluster, messageId));
    }

    /** The manifest of {@code version}, each article's payload read through {@code payloads} (by Message-ID with brackets). */
    private Manifest manifest(ShareId.Public id, int version, Function<String, byte[]> payloads) throws Exception {
        ShareKeys keys = ShareKeys.derive(id.rootKey());
        ManifestHeader header = ManifestHeader.decode(payloads.apply(manifestIds(id, version, 0).getFirst()));
        AesGcm gcm = new AesGcm(keys.manifest(), new SecureRandom());
        ManifestDescriptor descriptor = ManifestDescriptor.decode(gcm.open(header.sealedDescriptor(),
                ManifestAad.descriptor(id.locator(), version)).orElseThrow());
        List<String> pageIds = manifestIds(id, version, descriptor.pageCount());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int page = 0; page < descriptor.pageCount(); page++) {
            byte[] sealed = payloads.apply(pageIds.get(page + 1));
            body.writeBytes(gcm.open(sealed, ManifestAad.page(id.locator(), version, page,
                    page == descriptor.pageCount() - 1)).orElseThrow());
        }
        byte[] bytes = body.toByteArray();
        return new ManifestCodec(ManifestLimits.defaults()).decode(Zstd.decompress(bytes,
                (int) Zstd.getFrameContentSize(bytes)));
    }

    /** The Message-IDs (with brackets) of a version's manifest header and then its {@code pages} pages. */
    private List<String> manifestIds(ShareId.Public id, int version, int pages) {
        MessageIds ids = MessageIds.forShare(ShareKeys.derive(id.rootKey()), options.messageIdDomain());
        List<String> all = new ArrayList<>();
        all.add(MessageIds.manifestHeader(id.locator(), version, options.messageIdDomain()).withBrackets());
        for (int page = 0; page < pages; page++) {
            all.add(ids.manifestPage(version, page).withBrackets());
        }
        return all;
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

    /**
     * Header fields an article of a share may carry on INN2: the five the uploader writes and the
     * ones INN2 adds on injection (RFC 5536 sections 3.1 and 3.2, RFC 5537 section 3.5; INN's
     * nnrpd). Any other field fails the test.
     */
    private static final Set<String> ALLOWED_HEADERS = Set.of("from", "newsgroups", "subject", "message-id", "date",
            "path", "organization", "injection-info", "injection-date", "xref", "lines", "bytes",
            "nntp-posting-host", "nntp-posting-date", "x-trace", "x-complaints-to");

    /**
     * The test server's own names, set by it-tests/inn/setup-inn.sh (domain and pathhost under
     * usync.test, organization "usync test server"): INN2 writes them into Path, Organization,
     * Injection-Info and Xref of every article it accepts, so they are removed before "usync" is looked for.
     */
    private static final Pattern TEST_SERVER_NAMES = Pattern.compile("[A-Za-z0-9.-]*\\.usync\\.test|usync test server");

    /** Numbers INN2 writes (the article number in Xref, nnrpd's process id in Injection-Info) that may equal a size by chance. */
    private static final Pattern SERVER_NUMBERS = Pattern.compile("(?<=:)\\d+$|(?<=logging-data=\")\\d+");

    @Test
    void uploadsAMixedTreeWhoseArticlesStatFindsLeakNothingAndDecodeToSealedData() throws Exception {
        writeTree(2000);
        UploadReport report = new Uploader(options, new ClusterTransport(cluster), index, UploadListener.NONE)
                .upload(tree, ShareSpec.publicShare());
        assertThat(report.outcome()).as(report.problems().toString()).isEqualTo(UploadOutcome.COMPLETE);
        String shareIdText = report.shareId().orElseThrow();
        ShareId.Public id = (ShareId.Public) ShareId.parse(shareIdText);
        Map<String, InnArticles.RawArticle> raw = new LinkedHashMap<>();
        Map<String, IndependentYencDecoder.Decoded> decoded = new LinkedHashMap<>();
        Function<String, byte[]> independently = messageId -> decoded.computeIfAbsent(messageId, m -> {
            try {
                InnArticles.RawArticle article = InnArticles.articles(inn.host(), inn.port(), List.of(m)).get(m);
                raw.put(m, article);
                return IndependentYencDecoder.decode(article.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).data();
        Manifest manifest = manifest(id, 1, independently);
        assertThat(manifest.files()).hasSize(2002);
        List<String> manifestArticles = new ArrayList<>(raw.keySet());
        assertThat(manifest.folders()).contains("empty/folder", "vidéos/große Dateien");
        List<String> segments = segmentIds(id, manifest);
        assertThat(segments.size()).isGreaterThan(14);
        for (String messageId : segments) {
            assertThat(cluster.stat(messageId, Optional.empty()).join()).as(messageId)
                    .isInstanceOf(StatResult.Found.class);
        }
        raw.putAll(InnArticles.articles(inn.host(), inn.port(), segments));
        assertThat(raw).hasSize(manifestArticles.size() + segments.size());

        List<String> forbidden = forbiddenTexts(manifest, shareIdText);
        Set<String> subjects = new HashSet<>();
        Set<String> froms = new HashSet<>();
        Set<String> yencNames = new HashSet<>();
        for (InnArticles.RawArticle article : raw.values()) {
            String what = article.messageId() + " " + article.headers();
            for (InnArticles.Header header : article.headers()) {
                assertThat(ALLOWED_HEADERS).as("header %s of %s", header.name(), what)
                        .contains(header.name().toLowerCase(Locale.ROOT));
                assertLeaksNothing(header.name() + ": " + header.value(), forbidden, what);
            }
            assertThat(article.values("Newsgroups")).as(what).containsExactly("alt.binaries.test");
            assertThat(article.values("Message-ID")).as(what).containsExactly(article.messageId());
            assertThat(subjects.add(article.values("Subject").getFirst())).as("a Subject used twice: %s", what).isTrue();
            assertThat(froms.add(article.values("From").getFirst())).as("a From used twice: %s", what).isTrue();
            IndependentYencDecoder.Decoded yenc = decoded.computeIfAbsent(article.messageId(),
                    m -> IndependentYencDecoder.decode(article.body()));
            assertLeaksNothing(yenc.beginLine(), forbidden, what);
            assertThat(yenc.name()).as(yenc.beginLine()).isNotBlank();
            assertThat(yencNames.add(yenc.name())).as("a yEnc name used twice: %s", yenc.beginLine()).isTrue();
            assertThat(yenc.begin().get("size")).as(yenc.beginLine()).isEqualTo(String.valueOf(yenc.data().length));
        }
        assertSegmentsAreSealedSourceBytes(id, manifest, segments, decoded);
    }

    /** Whole names (five characters or more: shorter ones occur by chance in random base32), large sizes, the share id, the tool's name. */
    private List<String> forbiddenTexts(Manifest manifest, String shareIdText) {
        Set<String> texts = new LinkedHashSet<>();
        texts.add(shareIdText);
        texts.add(shareIdText.substring(shareIdText.indexOf('-') + 1));
        texts.add(manifest.label());
        texts.add(tree.getFileName().toString());
        List<String> paths = new ArrayList<>(manifest.folders());
        manifest.files().forEach(f -> paths.add(f.path()));
        for (String path : paths) {
            texts.add(path);
            texts.addAll(List.of(path.split("/")));
        }
        for (ManifestFile file : manifest.files()) {
            if (file.size() >= 100_000) {
                texts.add(String.valueOf(file.size()));
            }
        }
        texts.add(String.valueOf(manifest.files().stream().mapToLong(ManifestFile::size).sum()));
        texts.removeIf(t -> t.codePointCount(0, t.length()) < 5);
        return List.copyOf(texts);
    }

    private static void assertLeaksNothing(String text, List<String> forbidden, String what) {
        String withoutServerNames = TEST_SERVER_NAMES.matcher(text).replaceAll("");
        assertThat(withoutServerNames.toLowerCase(Locale.ROOT)).as("%s in %s", text, what).doesNotContain("usync");
        String withoutServerNumbers = SERVER_NUMBERS.matcher(text).replaceAll("");
        for (String secret : forbidden) {
            assertThat(withoutServerNumbers).as("%s in %s", text, what).doesNotContain(secret);
        }
    }

    /**
     * Each segment decodes (independently) to nonce, sealed flag and payload, and tag: segment size plus
     * overhead, opening to the source bytes (in a pack, the bytes of the files it holds; its table is not compared).
     */
    private void assertSegmentsAreSealedSourceBytes(ShareId.Public id, Manifest manifest, List<String> segments,
            Map<String, IndependentYencDecoder.Decoded> decoded) throws Exception {
        SegmentSealer sealer = new SegmentSealer(ShareKeys.derive(id.rootKey()), new SecureRandom());
        Map<BlobKey, BlobBytes> blobs = blobContents(manifest);
        int next = 0;
        for (ManifestBlob blob : manifest.blobs()) {
            BlobBytes content = blobs.get(blob.key());
            for (int s = 0; s < blob.segmentCount(); s++) {
                String messageId = segments.get(next++);
                String what = blob + " segment " + s + " " + messageId;
                byte[] sealed = decoded.get(messageId).data();
                int from = s * blob.segmentSize();
                int length = (int) Math.min(blob.segmentSize(), blob.size() - from);
                assertThat(sealed).as(what).hasSize(length + 1 + AesGcm.OVERHEAD);
                ByteBuffer plain = ByteBuffer.allocate(sealed.length);
                OpenResult opened = sealer.open(new SegmentAad(id.locator(), blob.kind(), blob.index(), s,
                        s == blob.segmentCount() - 1), ByteBuffer.wrap(sealed), plain);
                assertThat(opened).as(what).isInstanceOf(OpenResult.Opened.class);
                plain.flip();
                assertThat(plain.get()).as("flag of %s (random data stays uncompressed)", what).isZero();
                assertThat(plain.remaining()).as(what).isEqualTo(length);
                for (int i = 0; i < length; i++) {
                    byte actual = plain.get();
                    if (content.known().get(from + i) && actual != content.bytes()[from + i]) {
                        throw new AssertionError(what + " differs from the source at blob offset " + (from + i));
                    }
                }
            }
        }
        assertThat(next).isEqualTo(segments.size());
    }

    /** A blob's expected bytes and which of them the source tree determines. */
    private record BlobBytes(byte[] bytes, BitSet known) {
    }

    /** Each blob's bytes rebuilt from the source tree: a whole file, or the packed files at their offsets. */
    private Map<BlobKey, BlobBytes> blobContents(Manifest manifest) throws Exception {
        Map<BlobKey, BlobBytes> contents = new HashMap<>();
        for (ManifestBlob blob : manifest.blobs()) {
            contents.put(blob.key(), new BlobBytes(new byte[Math.toIntExact(blob.size())], new BitSet()));
        }
        for (ManifestFile file : manifest.files()) {
            byte[] bytes = Files.readAllBytes(tree.resolve(file.path()));
            Optional<BlobKey> key = manifest.blobOf(file);
            if (key.isEmpty()) {
                continue;
            }
            int offset = file.location() instanceof FileLocation.Packed p ? Math.toIntExact(p.offset()) : 0;
            BlobBytes blob = contents.get(key.get());
            System.arraycopy(bytes, 0, blob.bytes(), offset, bytes.length);
            blob.known().set(offset, offset + bytes.length);
        }
        for (var entry : contents.entrySet()) {
            assertThat(entry.getValue().known().cardinality()).as("source bytes known for %s", entry.getKey()).isPositive();
        }
        return contents;
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
