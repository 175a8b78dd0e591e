package io.usync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.usync.core.ShareId;
import io.usync.core.ShareKind;
import io.usync.core.crypto.AesGcm;
import io.usync.core.crypto.MessageIds;
import io.usync.core.crypto.ShareKeys;
import io.usync.core.manifest.FileLocation;
import io.usync.core.manifest.Manifest;
import io.usync.core.manifest.ManifestAad;
import io.usync.core.manifest.ManifestCodec;
import io.usync.core.manifest.ManifestDescriptor;
import io.usync.core.manifest.ManifestFile;
import io.usync.core.manifest.ManifestHeader;
import io.usync.core.manifest.ManifestLimits;
import io.usync.segmenter.yenc.ReferenceYencDecoder;
import io.usync.segmenter.yenc.YencExpectation;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UploaderIT extends IndexedUploadTestBase {

    private final FakeTransport transport = new FakeTransport();
    private final UploadOptions options = UploadOptions.defaults().withPostCheckDelay(Duration.ZERO)
            .withArticleSize(64 * 1024);

    private UploadReport upload(ShareSpec spec) throws Exception {
        return new Uploader(options, transport, index, UploadListener.NONE).upload(tree, spec);
    }

    /** Reads the published manifest back from the fake server using only the share id. */
    private Manifest fetchManifest(String idText, int version) throws Exception {
        ShareId.Public id = (ShareId.Public) ShareId.parse(idText);
        ShareKeys keys = ShareKeys.derive(id.rootKey());
        String headerId = MessageIds.manifestHeader(id.locator(), version, options.messageIdDomain()).withBrackets();
        ManifestHeader header = ManifestHeader.decode(payload(headerId));
        assertThat(header.kind()).isEqualTo(ShareKind.PUBLIC);
        AesGcm gcm = new AesGcm(keys.manifest(), new java.security.SecureRandom());
        ManifestDescriptor descriptor = ManifestDescriptor.decode(gcm.open(header.sealedDescriptor(),
                ManifestAad.descriptor(id.locator(), version)).orElseThrow());
        assertThat(descriptor.version()).isEqualTo(version);
        MessageIds ids = MessageIds.forShare(keys, options.messageIdDomain());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int page = 0; page < descriptor.pageCount(); page++) {
            byte[] sealed = payload(ids.manifestPage(version, page).withBrackets());
            body.write(gcm.open(sealed, ManifestAad.page(id.locator(), version, page,
                    page == descriptor.pageCount() - 1)).orElseThrow());
        }
        assertThat(MessageDigest.getInstance("SHA-256").digest(body.toByteArray())).isEqualTo(descriptor.bodySha256());
        byte[] encoded = Zstd.decompress(body.toByteArray(), (int) Zstd.getFrameContentSize(body.toByteArray()));
        return new ManifestCodec(ManifestLimits.defaults()).decode(encoded);
    }

    private byte[] payload(String messageId) {
        byte[] article = transport.stored.get(messageId);
        assertThat(article).as("article %s", messageId).isNotNull();
        String text = FakeTransport.text(article);
        int split = text.indexOf("\r\n\r\n");
        return new ReferenceYencDecoder().decode(Arrays.copyOfRange(article, split + 4, article.length),
                YencExpectation.none()).data();
    }

    @Test
    void publishesAManifestThatDescribesTheWholeTree() throws Exception {
        write("big/movie.bin", 300_000, 1);
        for (int i = 0; i < 50; i++) {
            write("small/ünï/f" + i + ".txt", 100 + i * 37, 100 + i);
        }
        write("empty/zero.txt", 0, 3);
        Files.createDirectories(tree.resolve("nothing/here"));
        UploadReport report = upload(ShareSpec.publicShare());
        assertThat(report.outcome()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(report.shareId()).isPresent();
        Manifest manifest = fetchManifest(report.shareId().get(), 1);
        assertThat(manifest.files()).hasSize(52);
        assertThat(manifest.folders()).contains("nothing/here", "empty", "small/ünï");
        ManifestFile movie = manifest.files().stream().filter(f -> f.path().equals("big/movie.bin")).findFirst()
                .orElseThrow();
        assertThat(movie.location()).isInstanceOf(FileLocation.Whole.class);
        assertThat(movie.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(tree.resolve("big/movie.bin"))));
        assertThat(manifest.files().stream().filter(f -> f.location() instanceof FileLocation.Packed)).hasSize(50);
        for (String id : transport.posts.keySet()) {
            assertThat(transport.postsOf(id)).as(id).isEqualTo(1);
        }
    }

    @Test
    void opensThePostConnectionsAheadBeforeAnythingIsPosted() throws Exception {
        write("a.bin", 2_000, 7);
        UploadReport report = upload(ShareSpec.publicShare());
        assertThat(report.outcome()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(transport.postsWhenOpenedAhead.get()).isZero();
        assertThat(transport.totalPosts()).isPositive();
    }

    @Test
    void aFileNamedWithAControlCharacterIsReportedAndTheRestIsPublished() throws Exception {
        write("ctl\u0001name.bin", 100, 10);
        write("good.bin", 3000, 9);
        UploadReport report = upload(ShareSpec.publicShare());
        assertThat(report.outcome()).as("%s", report.problems()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(report.problems()).anyMatch(p -> p.contains("ctl?name.bin"));
        Manifest manifest = fetchManifest(report.shareId().orElseThrow(), 1);
        assertThat(manifest.files()).extracting(ManifestFile::path).containsExactly("good.bin");
    }

    @Test
    void runningAgainAfterCompletionPostsNothingAndKeepsTheShareId() throws Exception {
        write("a.bin", 200_000, 1);
        UploadReport first = upload(ShareSpec.publicShare());
        int posts = transport.totalPosts();
        UploadReport second = upload(ShareSpec.publicShare());
        assertThat(second.shareId()).isEqualTo(first.shareId());
        assertThat(transport.totalPosts()).isEqualTo(posts);
        assertThat(second.outcome()).isEqualTo(UploadOutcome.COMPLETE);
    }

    @Test
    void aChangedFolderBecomesTheNextVersionReusingUnchangedBlobs() throws Exception {
        write("keep.bin", 200_000, 1);
        write("change.bin", 100_000, 2);
        UploadReport first = upload(ShareSpec.publicShare());
        int posts = transport.totalPosts();
        write("change.bin", 100_001, 3);
        write("new.txt", 10, 4);
        UploadReport second = upload(ShareSpec.publicShare());
        assertThat(second.shareId()).isEqualTo(first.shareId());
        assertThat(second.version()).isEqualTo(2);
        Manifest v2 = fetchManifest(second.shareId().get(), 2);
        Manifest v1 = fetchManifest(first.shareId().get(), 1);
        ManifestFile keep1 = v1.files().stream().filter(f -> f.path().equals("keep.bin")).findFirst().orElseThrow();
        ManifestFile keep2 = v2.files().stream().filter(f -> f.path().equals("keep.bin")).findFirst().orElseThrow();
        assertThat(keep2.location()).isEqualTo(keep1.location());
        assertThat(v2.blobs().stream().filter(b -> b.key().equals(v2.blobOf(keep2).orElseThrow())).findFirst()
                .orElseThrow().originVersion()).isEqualTo(1);
        int newPosts = transport.totalPosts() - posts;
        int keepSegments = (200_000 + 64 * 1024 - 30) / (64 * 1024 - 29);
        assertThat(newPosts).isLessThan(keepSegments + 3 + 2);
        assertThat(v2.files()).hasSize(3);
    }

    @Test
    void aLaterVersionKeepsTheAttemptNumbersOfTheBlobsItReuses() throws Exception {
        write("keep.bin", 200_000, 1);
        java.util.concurrent.atomic.AtomicReference<String> refused = new java.util.concurrent.atomic.AtomicReference<>();
        transport.refuse = id -> refused.compareAndSet(null, id) || id.equals(refused.get());
        UploadReport first = upload(ShareSpec.publicShare());
        assertThat(first.outcome()).isEqualTo(UploadOutcome.COMPLETE);
        Manifest v1 = fetchManifest(first.shareId().orElseThrow(), 1);
        assertThat(v1.attempts()).as("the refused id moved its segment to attempt 1").hasSize(1);
        assertThat(v1.attempts().getFirst().attempt()).isEqualTo(1);

        write("new.txt", 10, 4);
        UploadReport second = upload(ShareSpec.publicShare());
        assertThat(second.version()).isEqualTo(2);
        Manifest v2 = fetchManifest(second.shareId().orElseThrow(), 2);
        assertThat(v2.attempts()).containsExactlyElementsOf(v1.attempts());
    }

    @Test
    void resumesAfterAFailedRunPostingOnlyWhatIsMissing() throws Exception {
        write("a.bin", 400_000, 1);
        transport.fail = id -> true;
        UploadReport failed = upload(ShareSpec.publicShare());
        assertThat(failed.outcome()).isEqualTo(UploadOutcome.PARTIAL);
        assertThat(failed.shareId()).isEmpty();
        transport.fail = id -> false;
        transport.posts.clear();
        UploadReport resumed = upload(ShareSpec.publicShare());
        assertThat(resumed.outcome()).isEqualTo(UploadOutcome.COMPLETE);
        for (String id : transport.posts.keySet()) {
            assertThat(transport.postsOf(id)).as(id).isEqualTo(1);
        }
        assertThat(fetchManifest(resumed.shareId().get(), 1).files()).hasSize(1);
    }

    @Test
    void aFileEditedInPlaceBeforeTheResumeIsPostedAgainWithItsNewContent() throws Exception {
        write("a.bin", 400_000, 1);
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        transport.fail = id -> sent.incrementAndGet() > 3;
        UploadReport interrupted = upload(ShareSpec.publicShare());
        assertThat(interrupted.outcome()).isEqualTo(UploadOutcome.PARTIAL);
        assertThat(transport.stored).as("some segments were verified before the failures").isNotEmpty();

        write("a.bin", 400_000, 2);
        transport.fail = id -> false;
        UploadReport resumed = upload(ShareSpec.publicShare());
        assertThat(resumed.outcome()).as("%s", resumed.problems()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(resumed.version()).isEqualTo(1);
        Manifest manifest = fetchManifest(resumed.shareId().orElseThrow(), 1);
        ManifestFile a = manifest.files().getFirst();
        byte[] now = Files.readAllBytes(tree.resolve("a.bin"));
        assertThat(a.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(now));
        assertThat(MessageDigest.getInstance("SHA-256").digest(wholeFile(resumed.shareId().orElseThrow(), manifest, a)))
                .as("SHA-256 of the posted bytes").isEqualTo(a.sha256());

        write("b.bin", 1_000, 3);
        UploadReport next = upload(ShareSpec.publicShare());
        assertThat(next.version()).isEqualTo(2);
        Manifest v2 = fetchManifest(next.shareId().orElseThrow(), 2);
        assertThat(v2.files().getFirst().location()).as("the next version reuses the resumed blob")
                .isEqualTo(a.location());
    }

    @Test
    void aResumeInterruptedAgainAfterAnEditFinishesWithoutPostingTheVersionAThirdTime() throws Exception {
        write("a.bin", 400_000, 1);
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        transport.fail = id -> sent.incrementAndGet() > 3;
        assertThat(upload(ShareSpec.publicShare()).outcome()).isEqualTo(UploadOutcome.PARTIAL);
        write("a.bin", 400_000, 2);
        sent.set(0);
        assertThat(upload(ShareSpec.publicShare()).outcome()).isEqualTo(UploadOutcome.PARTIAL);
        int segments = (400_000 + 64 * 1024 - 30) / (64 * 1024 - 29);
        int before = transport.totalPosts();
        transport.fail = id -> false;
        UploadReport finished = upload(ShareSpec.publicShare());
        assertThat(finished.outcome()).as("%s", finished.problems()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(transport.totalPosts() - before).as("the 3 segments verified after the edit are kept")
                .isLessThanOrEqualTo(segments - 3 + 2);
        Manifest manifest = fetchManifest(finished.shareId().orElseThrow(), 1);
        ManifestFile a = manifest.files().getFirst();
        assertThat(a.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(tree.resolve("a.bin"))));
        assertThat(MessageDigest.getInstance("SHA-256").digest(wholeFile(finished.shareId().orElseThrow(), manifest, a)))
                .isEqualTo(a.sha256());
    }

    /** Reassembles a file of a public share from the articles posted (a pack member at its offset). */
    private byte[] wholeFile(String idText, Manifest manifest, ManifestFile file) throws Exception {
        ShareId.Public id = (ShareId.Public) ShareId.parse(idText);
        ShareKeys keys = ShareKeys.derive(id.rootKey());
        var key = manifest.blobOf(file).orElseThrow();
        var blob = manifest.blobs().stream().filter(b -> b.key().equals(key)).findFirst().orElseThrow();
        MessageIds ids = MessageIds.forShare(keys, options.messageIdDomain());
        AesGcm gcm = new AesGcm(keys.data(), new java.security.SecureRandom());
        var attempts = manifest.attemptsBySegment();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int s = 0; s < blob.segmentCount(); s++) {
            int attempt = attempts.getOrDefault(new Manifest.SegmentKey(key, s), 0);
            byte[] sealed = payload(ids.segment(blob.originVersion(), blob.kind(), blob.index(), s, attempt)
                    .withBrackets());
            byte[] opened = gcm.open(sealed, new io.usync.core.crypto.SegmentAad(id.locator(), blob.kind(),
                    blob.index(), s, s == blob.segmentCount() - 1).encode()).orElseThrow();
            assertThat(opened[0]).as("stored raw").isEqualTo(SealedArticleEncoder.FLAG_RAW);
            out.write(opened, 1, opened.length - 1);
        }
        if (file.location() instanceof FileLocation.Packed packed) {
            return Arrays.copyOfRange(out.toByteArray(), Math.toIntExact(packed.offset()),
                    Math.toIntExact(packed.offset() + file.size()));
        }
        return out.toByteArray();
    }

    @Test
    void writesAPlainNzbWithRealNames() throws Exception {
        write("dir/real name.bin", 150_000, 1);
        Path nzb = tree.getParent().resolve("out-" + System.nanoTime() + ".nzb");
        UploadReport report = upload(new ShareSpec(new ShareSpec.Mode.Plain(), Optional.of("label"), Optional.of(nzb)));
        assertThat(report.outcome()).isEqualTo(UploadOutcome.COMPLETE);
        String xml = Files.readString(nzb);
        assertThat(xml).contains("real name.bin").contains("yEnc (1/3) 150000");
        String first = transport.stored.keySet().iterator().next();
        assertThat(FakeTransport.text(transport.stored.get(first))).contains("name=real name.bin");
        Files.delete(nzb);
    }

    @Test
    void aPlainRerunWithNoChangesWritesTheNzbAgainWherever() throws Exception {
        write("dir/a.bin", 150_000, 1);
        write("b.bin", 1_000, 2);
        Path nzb = tree.getParent().resolve("out-" + System.nanoTime() + ".nzb");
        UploadReport first = upload(new ShareSpec(new ShareSpec.Mode.Plain(), Optional.of("label"), Optional.of(nzb)));
        assertThat(first.outcome()).isEqualTo(UploadOutcome.COMPLETE);
        String written = Files.readString(nzb);
        int posts = transport.totalPosts();
        Files.delete(nzb);
        Path other = tree.getParent().resolve("other-" + System.nanoTime() + ".nzb");
        for (Path target : List.of(nzb, other)) {
            UploadReport again = upload(new ShareSpec(new ShareSpec.Mode.Plain(), Optional.of("label"),
                    Optional.of(target)));
            assertThat(again.outcome()).isEqualTo(UploadOutcome.COMPLETE);
            assertThat(again.shareId()).contains(target.toString());
            assertThat(Files.readString(target).replaceAll("date=\"\\d+\"", ""))
                    .isEqualTo(written.replaceAll("date=\"\\d+\"", ""));
            Files.delete(target);
        }
        assertThat(transport.totalPosts()).isEqualTo(posts);
    }

    @Test
    void aPlainUploadSaysOnceWhatTheNzbCannotCarry() throws Exception {
        write("a.bin", 2_000, 1);
        write("x/a.bin", 2_000, 2);
        write("x/y/c.bin", 2_000, 3);
        for (String empty : List.of("e1", "x/e2", "x/y/e3")) {
            Files.createFile(tree.resolve(empty));
        }
        Files.createDirectories(tree.resolve("void/one"));
        Files.createDirectories(tree.resolve("two"));
        Path nzb = tree.getParent().resolve("out-" + System.nanoTime() + ".nzb");
        UploadReport report = upload(new ShareSpec(new ShareSpec.Mode.Plain(), Optional.empty(), Optional.of(nzb)));
        assertThat(report.outcome()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(report.problems()).containsExactly("plain mode: 3 empty files and 2 empty folders are not in the"
                + " NZB, and 2 files in subfolders are named without their folders (a name occurs more than once and"
                + " will collide, e.g. a.bin) (NZB has no way to carry them); upload as a share to keep them");
        Files.delete(nzb);
        UploadReport flat = new Uploader(options, transport, index, UploadListener.NONE).upload(
                Files.createDirectories(tree.resolve("x/y")), new ShareSpec(new ShareSpec.Mode.Plain(), Optional.empty(),
                        Optional.of(nzb)));
        assertThat(flat.problems()).containsExactly("plain mode: 1 empty file is not in the NZB (NZB has no way"
                + " to carry them); upload as a share to keep them");
        Files.delete(nzb);
    }

    /** Fails every post of the first {@code count} distinct Message-IDs posted while {@code faulty} holds. */
    private static java.util.function.Predicate<String> failFirst(int count,
            java.util.concurrent.atomic.AtomicBoolean faulty) {
        Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return id -> faulty.get() && (failing.contains(id) || failing.size() < count && failing.add(id));
    }

    @Test
    void aPartialVersionNamesItsDamagedFilesAndTheNextRunPostsOnlyTheMissingSegments() throws Exception {
        write("a.bin", 300_000, 1);
        write("dir/b.bin", 300_000, 2);
        write("dir/c.bin", 300_000, 3);
        java.util.concurrent.atomic.AtomicBoolean faulty = new java.util.concurrent.atomic.AtomicBoolean(true);
        transport.fail = failFirst(2, faulty);
        Uploader partial = new Uploader(options.withAllowPartial(true), transport, index, UploadListener.NONE);
        UploadReport first = partial.upload(tree, ShareSpec.publicShare());
        assertThat(first.outcome()).isEqualTo(UploadOutcome.PARTIAL);
        assertThat(first.shareId()).isPresent();
        assertThat(first.problems().getLast()).startsWith("published with 2 segments missing (--allow-partial): ")
                .matches(".*: [12] files? \\(.*\\.bin\\) will not download whole; run the same command again.*");
        Manifest v1 = fetchManifest(first.shareId().orElseThrow(), 1);

        faulty.set(false);
        int posts = transport.totalPosts();
        UploadReport second = upload(ShareSpec.publicShare());
        assertThat(second.outcome()).as("%s", second.problems()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.shareId()).isEqualTo(first.shareId());
        assertThat(transport.totalPosts() - posts).as("the 2 missing segments and the manifest").isBetween(3, 2 + 2);
        Manifest v2 = fetchManifest(second.shareId().orElseThrow(), 2);
        for (ManifestFile f : v2.files()) {
            ManifestFile old = v1.files().stream().filter(o -> o.path().equals(f.path())).findFirst().orElseThrow();
            assertThat(f.location()).as("%s keeps its blob", f.path()).isEqualTo(old.location());
            byte[] bytes = Files.readAllBytes(tree.resolve(f.path()));
            assertThat(MessageDigest.getInstance("SHA-256").digest(wholeFile(second.shareId().orElseThrow(), v2, f)))
                    .as(f.path()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(bytes));
        }

        posts = transport.totalPosts();
        UploadReport third = upload(ShareSpec.publicShare());
        assertThat(third.outcome()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(third.version()).isEqualTo(2);
        assertThat(transport.totalPosts()).isEqualTo(posts);
    }

    @Test
    void aManifestThatCannotBePostedFailsTheUploadAndNamesEachProblemOnce() throws Exception {
        write("a.bin", 300_000, 1);
        transport.fail = failFirst(1, new java.util.concurrent.atomic.AtomicBoolean(true));
        java.util.concurrent.atomic.AtomicBoolean publishing = new java.util.concurrent.atomic.AtomicBoolean();
        transport.refuse = id -> publishing.get();
        UploadListener listener = new UploadListener() {
            @Override
            public void phase(UploadPhase phase) {
                publishing.compareAndSet(false, phase == UploadPhase.PUBLISH);
            }
        };
        UploadReport report = new Uploader(options.withAllowPartial(true), transport, index, listener)
                .upload(tree, ShareSpec.publicShare());
        assertThat(report.outcome()).as("%s", report.problems()).isEqualTo(UploadOutcome.FAILED);
        assertThat(report.shareId()).isEmpty();
        assertThat(report.problems()).as("the failed segment's line").anyMatch(p -> p.contains("connection reset"));
        assertThat(report.problems()).doesNotHaveDuplicates();
        assertThat(report.problems().getLast()).startsWith("the manifest could not be posted and verified");
    }

    @Test
    void aPlainPartialUploadIsMadeWholeByTheNextRunAndItsNzbNamesEveryPart() throws Exception {
        write("a.bin", 300_000, 1);
        Path nzb = tree.getParent().resolve("out-" + System.nanoTime() + ".nzb");
        ShareSpec plain = new ShareSpec(new ShareSpec.Mode.Plain(), Optional.empty(), Optional.of(nzb));
        java.util.concurrent.atomic.AtomicBoolean faulty = new java.util.concurrent.atomic.AtomicBoolean(true);
        transport.fail = failFirst(2, faulty);
        UploadReport first = new Uploader(options.withAllowPartial(true), transport, index, UploadListener.NONE)
                .upload(tree, plain);
        assertThat(first.outcome()).isEqualTo(UploadOutcome.PARTIAL);
        assertThat(first.problems().getLast()).contains("1 file (a.bin) will not download whole");
        faulty.set(false);
        UploadReport second = upload(plain);
        assertThat(second.outcome()).as("%s", second.problems()).isEqualTo(UploadOutcome.COMPLETE);
        java.util.regex.Matcher segment = java.util.regex.Pattern.compile("<segment [^>]*>([^<]+)</segment>")
                .matcher(Files.readString(nzb));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String last = "";
        while (segment.find()) {
            last = "<" + segment.group(1) + ">";
            bytes.write(payload(last));
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(Files.readAllBytes(tree.resolve("a.bin")));
        assertThat(FakeTransport.text(transport.stored.get(last))).as("the last part's whole-file CRC")
                .containsPattern("=yend [^\\r]* crc32=0*" + Long.toHexString(crc.getValue()));
        assertThat(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tree.resolve("a.bin"))));
        Files.delete(nzb);
    }

    @Test
    void aPackAPartialVersionLacksIsPostedAgainAsANewPack() throws Exception {
        write("small/one.txt", 1_000, 1);
        write("small/two.txt", 2_000, 2);
        java.util.concurrent.atomic.AtomicBoolean faulty = new java.util.concurrent.atomic.AtomicBoolean(true);
        transport.fail = failFirst(1, faulty);
        UploadReport first = new Uploader(options.withAllowPartial(true), transport, index, UploadListener.NONE)
                .upload(tree, ShareSpec.publicShare());
        assertThat(first.outcome()).isEqualTo(UploadOutcome.PARTIAL);
        assertThat(first.problems().getLast()).contains("2 files (small/one.txt, small/two.txt) will not download whole");
        faulty.set(false);
        UploadReport second = upload(ShareSpec.publicShare());
        assertThat(second.outcome()).as("%s", second.problems()).isEqualTo(UploadOutcome.COMPLETE);
        Manifest v2 = fetchManifest(second.shareId().orElseThrow(), 2);
        for (ManifestFile f : v2.files()) {
            assertThat(f.location()).isInstanceOf(FileLocation.Packed.class);
            assertThat(v2.blobs().stream().filter(b -> b.key().equals(v2.blobOf(f).orElseThrow())).findFirst()
                    .orElseThrow().originVersion()).as("a new pack").isEqualTo(2);
            assertThat(MessageDigest.getInstance("SHA-256").digest(wholeFile(second.shareId().orElseThrow(), v2, f)))
                    .isEqualTo(f.sha256());
        }
    }

    @Test
    void nothingIsPublishedWhenAnArticleCanNeverBePosted() throws Exception {
        write("a.bin", 200_000, 1);
        transport.refuse = id -> true;
        UploadReport report = upload(ShareSpec.publicShare());
        assertThat(report.outcome()).isEqualTo(UploadOutcome.PARTIAL);
        assertThat(report.shareId()).isEmpty();
        assertThat(transport.stored).isEmpty();
        assertThat(report.problems()).anyMatch(p -> p.contains("--allow-partial"));
        assertThat(List.copyOf(transport.posts.values()).stream().mapToInt(n -> n.get()).max().orElse(0))
                .isLessThanOrEqualTo(1);
    }

    @Test
    void aProtectedShareRefusesAnotherPasswordBeforePostingAnything() throws Exception {
        write("secret.bin", 70_000, 9);
        UploadReport first = upload(new ShareSpec(new ShareSpec.Mode.Protected("first password".toCharArray()),
                Optional.empty(), Optional.empty()));
        assertThat(first.outcome()).isEqualTo(UploadOutcome.COMPLETE);
        write("more.bin", 1_000, 2);
        int posts = transport.totalPosts();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> upload(new ShareSpec(
                new ShareSpec.Mode.Protected("second password".toCharArray()), Optional.empty(), Optional.empty())))
                .isInstanceOf(UploadException.WrongPassword.class)
                .hasMessageNotContaining("second password").hasMessageNotContaining("first password");
        assertThat(transport.totalPosts()).isEqualTo(posts);
        UploadReport second = upload(new ShareSpec(new ShareSpec.Mode.Protected("first password".toCharArray()),
                Optional.empty(), Optional.empty()));
        assertThat(second.outcome()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.shareId()).isEqualTo(first.shareId());
    }

    private static ShareSpec privateShare(io.usync.core.crypto.RecipientKeyPair... recipients) {
        return new ShareSpec(new ShareSpec.Mode.Private(Arrays.stream(recipients)
                .map(io.usync.core.crypto.RecipientKeyPair::publicKey).toList()), Optional.empty(), Optional.empty());
    }

    /** The key slots of a private share's published header for {@code version}. */
    private List<io.usync.core.manifest.KeySlot> privateSlots(String idText, int version) throws Exception {
        ShareId.Private id = (ShareId.Private) ShareId.parse(idText);
        return ManifestHeader.decode(payload(MessageIds.manifestHeader(id.locator(), version,
                options.messageIdDomain()).withBrackets())).keySlots();
    }

    private static boolean opens(io.usync.core.crypto.RecipientKeyPair recipient, String idText,
            List<io.usync.core.manifest.KeySlot> slots) {
        byte[] aad = ManifestAad.keySlot(((ShareId.Private) ShareId.parse(idText)).locator());
        return slots.stream().anyMatch(s -> io.usync.core.crypto.RecipientKeys.unwrap(recipient, s.bytes(), aad)
                .isPresent());
    }

    @Test
    void aPrivateShareRefusesToDropARecipientBeforePostingAnything() throws Exception {
        var alice = io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom());
        var bob = io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom());
        var carol = io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom());
        write("secret.bin", 70_000, 9);
        UploadReport first = upload(privateShare(alice, bob));
        assertThat(first.outcome()).isEqualTo(UploadOutcome.COMPLETE);
        write("more.bin", 1_000, 2);
        int posts = transport.totalPosts();
        for (ShareSpec fewer : List.of(privateShare(alice), privateShare(carol), privateShare(alice, carol))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> upload(fewer))
                    .isInstanceOf(UploadException.RemovedRecipient.class)
                    .hasMessageContaining(bob.publicKey().fingerprint())
                    .hasMessageContaining("keeps the root key").hasMessageContaining("new share")
                    .hasMessageNotContaining("\n");
        }
        assertThat(transport.totalPosts()).isEqualTo(posts);
        UploadReport second = upload(privateShare(bob, alice));
        assertThat(second.outcome()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.shareId()).isEqualTo(first.shareId());
        assertThat(second.problems()).noneMatch(p -> p.contains("recipient"));
    }

    @Test
    void anAddedRecipientIsNamedAndGetsAVersionItCanOpenEvenWithNothingChanged() throws Exception {
        var alice = io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom());
        var bob = io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom());
        write("secret.bin", 70_000, 9);
        UploadReport first = upload(privateShare(alice));
        String id = first.shareId().orElseThrow();
        assertThat(opens(bob, id, privateSlots(id, 1))).isFalse();
        UploadReport second = upload(privateShare(alice, bob));
        assertThat(second.outcome()).as("%s", second.problems()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.shareId()).contains(id);
        assertThat(second.problems()).singleElement().asString().contains(bob.publicKey().fingerprint())
                .doesNotContain(alice.publicKey().fingerprint()).contains("every version");
        List<io.usync.core.manifest.KeySlot> slots = privateSlots(id, 2);
        assertThat(slots).hasSize(2);
        assertThat(opens(bob, id, slots)).isTrue();
        assertThat(opens(alice, id, slots)).isTrue();
        int posts = transport.totalPosts();
        UploadReport third = upload(privateShare(alice, bob));
        assertThat(third.version()).isEqualTo(2);
        assertThat(third.problems()).isEmpty();
        assertThat(transport.totalPosts()).isEqualTo(posts);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> upload(privateShare(alice)))
                .isInstanceOf(UploadException.RemovedRecipient.class)
                .hasMessageContaining(bob.publicKey().fingerprint());
    }

    @Test
    void aPrivateShareMadeBeforeRecipientsWereKeptTakesThemFromItsNextVersion() throws Exception {
        var alice = io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom());
        var bob = io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom());
        write("secret.bin", 70_000, 9);
        upload(privateShare(alice, bob));
        var record = index.shares().getFirst();
        index.setPublicKeyMaterial(record.id(), ShareSecrets.decode(record.publicKeyMaterial()).encode());
        write("more.bin", 1_000, 2);
        UploadReport second = upload(privateShare(alice));
        assertThat(second.outcome()).isEqualTo(UploadOutcome.COMPLETE);
        assertThat(second.problems()).isEmpty();
        write("again.bin", 1_000, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> upload(privateShare(bob)))
                .isInstanceOf(UploadException.RemovedRecipient.class)
                .hasMessageContaining(alice.publicKey().fingerprint());
    }

    @Test
    void protectedAndPrivateSharesCarryKeySlotsThatOpenTheManifest() throws Exception {
        write("secret.bin", 70_000, 9);
        char[] password = "correct horse battery staple".toCharArray();
        UploadReport protectedReport = upload(new ShareSpec(new ShareSpec.Mode.Protected(password), Optional.empty(),
                Optional.empty()));
        ShareId.Protected pid = (ShareId.Protected) ShareId.parse(protectedReport.shareId().orElseThrow());
        ManifestHeader header = ManifestHeader.decode(payload(MessageIds.manifestHeader(pid.locator(), 1,
                options.messageIdDomain()).withBrackets()));
        assertThat(header.kind()).isEqualTo(ShareKind.PROTECTED);
        byte[] aad = ManifestAad.keySlot(pid.locator());
        var root = io.usync.core.crypto.RootKeyWrap.unwrap(io.usync.core.crypto.PasswordKdf.derive(password, pid.kdf()),
                header.keySlots().get(0).bytes(), aad);
        assertThat(root).isPresent();
        assertThat(io.usync.core.crypto.RootKeyWrap.unwrap(io.usync.core.crypto.PasswordKdf.derive(
                "wrong".toCharArray(), pid.kdf()), header.keySlots().get(0).bytes(), aad)).isEmpty();
        AesGcm gcm = new AesGcm(ShareKeys.derive(root.get()).manifest(), new java.security.SecureRandom());
        assertThat(gcm.open(header.sealedDescriptor(), ManifestAad.descriptor(pid.locator(), 1))).isPresent();

        var alice = io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom());
        var bob = io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom());
        UploadReport privateReport = upload(new ShareSpec(new ShareSpec.Mode.Private(List.of(alice.publicKey(),
                bob.publicKey())), Optional.empty(), Optional.empty()));
        ShareId.Private vid = (ShareId.Private) ShareId.parse(privateReport.shareId().orElseThrow());
        assertThat(vid.locator()).isNotEqualTo(pid.locator());
        ManifestHeader privateHeader = ManifestHeader.decode(payload(MessageIds.manifestHeader(vid.locator(), 1,
                options.messageIdDomain()).withBrackets()));
        assertThat(privateHeader.keySlots()).hasSize(2);
        byte[] privateAad = ManifestAad.keySlot(vid.locator());
        long opened = privateHeader.keySlots().stream().filter(slot -> io.usync.core.crypto.RecipientKeys
                .unwrap(bob, slot.bytes(), privateAad).isPresent()).count();
        assertThat(opened).isEqualTo(1);
    }
}
