package io.usync.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.BlobKind;
import io.usync.core.MessageId;
import io.usync.core.crypto.OpenResult;
import io.usync.core.crypto.SegmentAad;
import io.usync.core.crypto.SegmentSealer;
import io.usync.core.manifest.ManifestBlob;
import io.usync.nntp.NntpAuthException;
import io.usync.nntp.NntpTlsException;
import io.usync.nntp.NntpUnavailableException;
import io.usync.segmenter.yenc.ReferenceYencDecoder;
import io.usync.segmenter.yenc.YencExpectation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SegmentUploadTest extends SegmentUploadTestBase {

    private final FakeTransport transport = new FakeTransport();

    private final UploadOptions options = UploadOptions.defaults().withPostCheckDelay(Duration.ZERO)
            .withInFlightArticles(4);

    private long run(List<PlannedBlob> blobs) throws Exception {
        return new SegmentUpload(transport, source, options, context).run(blobs, new HashMap<>(),
                () -> new SealedArticleEncoder(share, builder, SEGMENT, BlobCompression.none()), new SegmentIds(share));
    }

    private MessageId id(PlannedBlob blob, int segment, int attempt) {
        return new SegmentIds(share).segment(blob.meta(), segment, attempt);
    }

    @Test
    void postsEverySegmentOnceAndVerifiesIt() throws Exception {
        List<PlannedBlob> blobs = List.of(blob(0, 50_000, 1), blob(1, 10, 2), blob(2, SEGMENT * 3, 3));
        long sent = run(blobs);
        assertThat(sent).isEqualTo(13 + 1 + 3);
        assertThat(transport.stored).hasSize(17);
        for (PlannedBlob b : blobs) {
            for (int s = 0; s < b.meta().segmentCount(); s++) {
                assertThat(transport.postsOf(id(b, s, 0).withBrackets())).isEqualTo(1);
                assertThat(ledgers.get(b.meta().key()).state(s)).isEqualTo(SegmentState.VERIFIED);
            }
        }
        assertThat(journal.count(SegmentState.VERIFIED)).isEqualTo(17);
        assertThat(journal.digests).hasSize(3);
    }

    @Test
    void repostsExactlyOnceUnderTheSameIdWhenTheServerSilentlyDropsAnArticle() throws Exception {
        PlannedBlob b = blob(0, 20_000, 4);
        String dropped = id(b, 2, 0).withBrackets();
        transport.dropOnce.add(dropped);
        run(List.of(b));
        assertThat(transport.postsOf(dropped)).isEqualTo(2);
        assertThat(transport.totalPosts()).isEqualTo(b.meta().segmentCount() + 1);
        assertThat(ledgers.get(b.meta().key()).allVerified()).isTrue();
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void movesToTheNextAttemptIdWhenAServerRefusesAnIdForGood() throws Exception {
        PlannedBlob b = blob(0, 9000, 5);
        String refused = id(b, 1, 0).withBrackets();
        transport.refuse = refused::equals;
        run(List.of(b));
        assertThat(transport.postsOf(refused)).isEqualTo(1);
        assertThat(transport.stored).containsKey(id(b, 1, 1).withBrackets());
        assertThat(ledgers.get(b.meta().key()).attempt(1)).isEqualTo(1);
        assertThat(ledgers.get(b.meta().key()).allVerified()).isTrue();
    }

    @Test
    void givesUpWithinTheBoundsWhenAnArticleCanNeverBePosted() throws Exception {
        PlannedBlob b = blob(0, 9000, 6);
        transport.fail = id -> id.equals(id(b, 0, 0).withBrackets());
        run(List.of(b));
        BlobLedger ledger = ledgers.get(b.meta().key());
        assertThat(ledger.state(0)).isEqualTo(SegmentState.FAILED);
        assertThat(ledger.state(1)).isEqualTo(SegmentState.VERIFIED);
        assertThat(transport.postsOf(id(b, 0, 0).withBrackets())).isEqualTo(options.maxPostRounds());
        assertThat(context.problems()).isNotEmpty();
    }

    @Test
    void stopsAtOnceWithOneFaultAndNoFailurePerArticleWhenTheServerRefusesTheLogin() throws Exception {
        List<PlannedBlob> blobs = List.of(blob(0, 40_000, 20), blob(1, 40_000, 21), blob(2, 40_000, 22));
        transport.fault = id -> Optional.of(new NntpAuthException("fake rejected the login of user u (481 denied);"
                + " check the user name and password"));
        assertThatThrownBy(() -> run(blobs)).isInstanceOf(UploadException.ServerRefused.class)
                .hasMessageContaining("481").hasCauseInstanceOf(NntpAuthException.class);
        assertThat(transport.totalPosts()).as("posts after the refusal").isLessThanOrEqualTo(options.inFlightArticles());
        assertThat(context.problems()).as("no line per article").isEmpty();
        assertThat(ledgers.values()).noneMatch(l -> l.count(SegmentState.FAILED) > 0);
    }

    @Test
    void aTlsRefusalStopsTheUploadAsATlsFault() throws Exception {
        PlannedBlob b = blob(0, 20_000, 23);
        transport.fault = id -> Optional.of(new NntpTlsException("TLS with fake failed (untrusted certificate)"));
        assertThatThrownBy(() -> run(List.of(b))).isInstanceOfSatisfying(UploadException.ServerRefused.class,
                e -> assertThat(e.tls()).isTrue());
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void waitsForTheServerInsteadOfFailingWhenEveryCircuitIsOpen() throws Exception {
        PlannedBlob b = blob(0, 9000, 24);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        transport.fault = id -> calls.incrementAndGet() <= 4 * b.meta().segmentCount()
                ? Optional.of(new NntpUnavailableException("Server fake is paused after repeated failures (circuit open)"))
                : Optional.empty();
        run(List.of(b));
        assertThat(calls.get()).as("posts while the circuit was open exceed the round bound")
                .isGreaterThan(options.maxPostRounds() * b.meta().segmentCount());
        assertThat(ledgers.get(b.meta().key()).allVerified()).isTrue();
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void aStatThatFailsChecksAgainInsteadOfPostingTheArticleTwice() throws Exception {
        PlannedBlob b = blob(0, 20_000, 26);
        java.util.Set<String> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        transport.statFault = id -> failedOnce.add(id)
                ? Optional.of(new NntpUnavailableException("Server fake is paused (circuit open)")) : Optional.empty();
        run(List.of(b));
        assertThat(ledgers.get(b.meta().key()).allVerified()).isTrue();
        for (int s = 0; s < b.meta().segmentCount(); s++) {
            assertThat(transport.postsOf(id(b, s, 0).withBrackets())).as("posts of segment %d", s).isEqualTo(1);
        }
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void givesUpOnceTheWaitForAnUnavailableServerIsSpent() throws Exception {
        PlannedBlob b = blob(0, 9000, 25);
        transport.fault = id -> Optional.of(new NntpUnavailableException("circuit open"));
        new SegmentUpload(transport, source, options.withUnavailableWait(Duration.ofMillis(300)), context)
                .run(List.of(b), new HashMap<>(), () -> new SealedArticleEncoder(share, builder, SEGMENT,
                        BlobCompression.none()), new SegmentIds(share));
        assertThat(ledgers.get(b.meta().key()).count(SegmentState.FAILED)).isEqualTo(b.meta().segmentCount());
        assertThat(context.problems()).isNotEmpty();
        assertThat(transport.totalPosts()).isLessThanOrEqualTo((options.maxPostRounds() + 3) * b.meta().segmentCount());
    }

    @Test
    void neverHasMoreArticlesInFlightThanTheBudget() throws Exception {
        List<PlannedBlob> blobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            blobs.add(blob(i, 40_000, 10 + i));
        }
        run(blobs);
        assertThat(transport.maxInFlight.get()).isLessThanOrEqualTo(options.inFlightArticles());
        assertThat(transport.stored).hasSize(6 * 10);
    }

    @Test
    void articlesOpenToTheOriginalBytesAndHeadersLeakNothing() throws Exception {
        PlannedBlob b = blob(0, 10_000, 7);
        run(List.of(b));
        byte[] original = source.blobs.get(b.meta().key());
        SegmentSealer sealer = new SegmentSealer(share.keys(), random);
        List<String> subjects = new ArrayList<>();
        for (var segment : b.segments()) {
            byte[] article = transport.stored.get(id(b, segment.index(), 0).withBrackets());
            String text = FakeTransport.text(article);
            int split = text.indexOf("\r\n\r\n");
            String headers = text.substring(0, split);
            assertThat(headers).doesNotContain("f0.bin", "usync", "10000", "yEnc");
            assertThat(headers).contains("Message-ID: " + id(b, segment.index(), 0).withBrackets());
            subjects.add(headers.lines().filter(l -> l.startsWith("Subject:")).findFirst().orElseThrow());
            byte[] body = Arrays.copyOfRange(article, split + 4, article.length);
            var decoded = new ReferenceYencDecoder().decode(body, YencExpectation.none());
            ByteBuffer opened = ByteBuffer.allocate(decoded.data().length);
            assertThat(sealer.open(SegmentAad.of(share.locator(), segment), ByteBuffer.wrap(decoded.data()), opened))
                    .isInstanceOf(OpenResult.Opened.class);
            opened.flip();
            assertThat(opened.get()).isEqualTo(SealedArticleEncoder.FLAG_RAW);
            byte[] plain = new byte[opened.remaining()];
            opened.get(plain);
            assertThat(plain).isEqualTo(Arrays.copyOfRange(original, (int) segment.range().offset(),
                    (int) segment.range().end()));
            assertThat(new String(body, 0, 40, StandardCharsets.US_ASCII)).doesNotContain("f0.bin");
        }
        assertThat(subjects).doesNotHaveDuplicates();
    }

    @Test
    void compressesABlobWhoseFirstSegmentCompressesAndTheArticleStillOpens() throws Exception {
        ManifestBlob meta = new ManifestBlob(BlobKind.FILE, 0, 1, 3 * SEGMENT, SEGMENT, 3);
        byte[] text = "all work and no play makes jack a dull boy\n".repeat(400).substring(0, 3 * SEGMENT)
                .getBytes(StandardCharsets.US_ASCII);
        source.blobs.put(meta.key(), text);
        ledgers.put(meta.key(), new BlobLedger(meta.key(), 1, 3));
        PlannedBlob b = new PlannedBlob(meta, new PlannedBlob.WholeFile(Path.of("/nonexistent"),
                new io.usync.core.SourceFile("t.txt", text.length, 0), 1));
        var compressor = new BlobCompression(Optional.of(new io.usync.segmenter.compress.SegmentCompressor(
                io.usync.segmenter.compress.CompressorOptions.defaults())));
        new SegmentUpload(transport, source, options, context).run(List.of(b), new HashMap<>(),
                () -> new SealedArticleEncoder(share, builder, SEGMENT, compressor), new SegmentIds(share));
        byte[] article = transport.stored.get(id(b, 1, 0).withBrackets());
        assertThat(article.length).isLessThan(SEGMENT / 2);
        int split = FakeTransport.text(article).indexOf("\r\n\r\n");
        byte[] sealed = new ReferenceYencDecoder().decode(Arrays.copyOfRange(article, split + 4, article.length),
                YencExpectation.none()).data();
        ByteBuffer opened = ByteBuffer.allocate(sealed.length);
        new SegmentSealer(share.keys(), random).open(SegmentAad.of(share.locator(), b.segments().get(1)),
                ByteBuffer.wrap(sealed), opened);
        opened.flip();
        assertThat(opened.get()).isEqualTo(SealedArticleEncoder.FLAG_ZSTD);
        byte[] frame = new byte[opened.remaining()];
        opened.get(frame);
        assertThat(com.github.luben.zstd.Zstd.decompress(frame, SEGMENT))
                .isEqualTo(Arrays.copyOfRange(text, SEGMENT, 2 * SEGMENT));
    }

    @Test
    void plainModePutsTheWholeFileCrcOnTheLastPartThoughTheSegmentsAreEncodedInParallel() throws Exception {
        PlannedBlob b = blob(0, SEGMENT * 12 + 777, 31);
        UploadOptions plainOptions = options.withInFlightArticles(8);
        new SegmentUpload(transport, source, plainOptions, context).run(List.of(b), new HashMap<>(),
                () -> new PlainArticleEncoder(share, builder, "poster <p@example.invalid>", 1), new SegmentIds(share));
        CRC32 whole = new CRC32();
        whole.update(source.blobs.get(b.meta().key()));
        String last = FakeTransport.text(transport.stored.get(id(b, 12, 0).withBrackets()));
        assertThat(last).containsPattern("=yend [^\\r\\n]* crc32=" + String.format("%08x", whole.getValue()));
        for (int s = 0; s < 12; s++) {
            assertThat(FakeTransport.text(transport.stored.get(id(b, s, 0).withBrackets()))).doesNotContain(" crc32=");
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void plainModePutsTheWholeFileCrcOnTheLastPartWhenOnlyTheLastPartIsPostedAgain() throws Exception {
        PlannedBlob b = blob(0, SEGMENT * 6 + 5, 33);
        String last = id(b, 6, 0).withBrackets();
        transport.dropOnce.add(last);
        new SegmentUpload(transport, source, options, context).run(List.of(b), new HashMap<>(),
                () -> new PlainArticleEncoder(share, builder, "poster <p@example.invalid>", 1), new SegmentIds(share));
        assertThat(transport.postsOf(last)).isEqualTo(2);
        assertThat(transport.totalPosts()).isEqualTo(8);
        CRC32 whole = new CRC32();
        whole.update(source.blobs.get(b.meta().key()));
        assertThat(FakeTransport.text(transport.stored.get(last)))
                .containsPattern("=yend [^\\r\\n]* crc32=" + String.format("%08x", whole.getValue()));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void plainModeGivesEachOfManyFilesItsOwnWholeFileCrc() throws Exception {
        List<PlannedBlob> blobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            blobs.add(blob(i, i % 2 == 0 ? 100 + i : SEGMENT * (i + 1) + i, 40 + i));
        }
        new SegmentUpload(transport, source, options.withInFlightArticles(8), context).run(blobs, new HashMap<>(),
                () -> new PlainArticleEncoder(share, builder, "poster <p@example.invalid>", 6), new SegmentIds(share));
        for (PlannedBlob b : blobs) {
            CRC32 whole = new CRC32();
            whole.update(source.blobs.get(b.meta().key()));
            String last = FakeTransport.text(transport.stored.get(id(b, b.meta().segmentCount() - 1, 0).withBrackets()));
            assertThat(last).containsPattern("=yend [^\\r\\n]* crc32=" + String.format("%08x", whole.getValue()));
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void checksStillWaitingForTheirDelayWhenPostingEndsAreTriedAtOnce() throws Exception {
        PlannedBlob b = blob(0, SEGMENT * 5, 32);
        new SegmentUpload(transport, source, options.withPostCheckDelay(Duration.ofHours(1)), context)
                .run(List.of(b), new HashMap<>(), () -> new SealedArticleEncoder(share, builder, SEGMENT,
                        BlobCompression.none()), new SegmentIds(share));
        assertThat(ledgers.get(b.meta().key()).count(SegmentState.VERIFIED)).isEqualTo(5);
        assertThat(transport.totalPosts()).isEqualTo(5);
    }
}
