package io.usync.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.ShareId;
import io.usync.core.TerminalText;
import io.usync.core.crypto.RecipientKeys;
import io.usync.core.crypto.RecipientKeyPair;
import io.usync.download.fetch.ArticleFetcher;
import io.usync.download.output.OutputTarget;
import io.usync.download.output.PartFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DownloaderShareTest {

    @TempDir
    Path out;

    private static DownloadOptions options() {
        return DownloadOptions.defaults().withInFlightArticles(8).withSyncData(false);
    }

    private DownloadReport download(MemoryServers servers, ShareId id, ShareCredentials credentials) {
        return new Downloader(options(), servers, DownloadListener.NONE)
                .download(DownloadRequest.share(id, credentials, out));
    }

    private void assertTreeMatches(ShareFixture fixture) throws IOException {
        assertTreeMatches(fixture, out);
    }

    private static void assertTreeMatches(ShareFixture fixture, Path out) throws IOException {
        for (var e : fixture.files.entrySet()) {
            Path p = out.resolve(e.getKey());
            assertThat(p).as(e.getKey()).isRegularFile();
            assertThat(Files.readAllBytes(p)).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(Files.getLastModifiedTime(p).toMillis()).as(e.getKey()).isEqualTo(fixture.mtimes.get(e.getKey()));
        }
        for (String folder : fixture.folders) {
            assertThat(out.resolve(folder)).isDirectory();
        }
        try (Stream<Path> walk = Files.walk(out)) {
            assertThat(walk.filter(p -> p.toString().endsWith(PartFile.SUFFIX))).isEmpty();
        }
    }

    @Test
    void publicShareRoundTripsFilesPacksEmptyFilesAndFolders() throws IOException {
        ShareFixture fixture = new ShareFixture(1);
        ShareId id = fixture.publishPublic(1);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport report = download(servers, id, ShareCredentials.none());
            assertThat(report.failure()).isEmpty();
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(report.counts().filesCompleted()).isEqualTo(fixture.files.size());
        }
        assertTreeMatches(fixture);
    }

    @Test
    void completesFromTheSecondServerWhenTheFirstMissesTenPercent() throws IOException {
        ShareFixture fixture = new ShareFixture(2);
        ShareId id = fixture.publishPublic(1);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles).server("b", fixture.articles)) {
            Random r = new Random(2);
            List<String> ids = new ArrayList<>(fixture.segmentIds);
            ids.removeIf(x -> r.nextInt(10) != 0);
            ids.add(fixture.segmentIds.getFirst());
            ids.forEach(servers.articles("a")::remove);
            DownloadReport report = download(servers, id, ShareCredentials.none());
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(servers.deliveredBy("b")).isEqualTo(ids.stream().distinct().count());
        }
        assertTreeMatches(fixture);
    }

    @Test
    void aFlippedByteOnOneServerIsFetchedFromTheOtherAndNeverWritten() throws IOException {
        ShareFixture fixture = new ShareFixture(3);
        ShareId id = fixture.publishPublic(1);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles).server("b", fixture.articles)) {
            for (String seg : fixture.segmentIds) {
                byte[] body = servers.articles("a").get(seg).clone();
                int at = body.length / 2;
                body[at] = (byte) (body[at] == 'A' ? 'B' : 'A');
                servers.articles("a").put(seg, body);
            }
            DownloadReport report = download(servers, id, ShareCredentials.none());
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(servers.deliveredBy("b")).isEqualTo(fixture.segmentIds.size());
        }
        assertTreeMatches(fixture);
    }

    @Test
    void withOnlyCorruptCopiesNothingUnverifiedIsWrittenAndTheFileIsReportedMissing() throws IOException {
        ShareFixture fixture = new ShareFixture(4);
        ShareId id = fixture.publishPublic(1);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            String victim = fixture.segmentIds.get(1);
            byte[] body = servers.articles("a").get(victim).clone();
            body[body.length / 3] ^= 0x01;
            servers.articles("a").put(victim, body);
            DownloadReport report = download(servers, id, ShareCredentials.none());
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
            assertThat(report.missingFiles()).extracting(MissingFile::name).containsExactly("big.bin");
            assertThat(report.missingFiles().getFirst().missingSegments()).isEqualTo(1);
        }
        assertThat(out.resolve("big.bin")).doesNotExist();
        byte[] part = Files.readAllBytes(out.resolve("big.bin" + PartFile.SUFFIX));
        byte[] expected = fixture.files.get("big.bin");
        for (int i = 0; i < part.length; i++) {
            boolean inHole = i >= ShareFixture.SEGMENT && i < 2 * ShareFixture.SEGMENT;
            assertThat(part[i]).as("byte %d", i).isEqualTo(inHole ? 0 : expected[i]);
        }
    }

    @Test
    void resumeAfterAnInterruptedRunFetchesOnlyWhatIsMissing() throws IOException {
        ShareFixture fixture = new ShareFixture(5);
        ShareId id = fixture.publishPublic(1);
        List<String> removed = List.of(fixture.segmentIds.get(2), fixture.segmentIds.get(4));
        try (MemoryServers first = new MemoryServers().server("a", fixture.articles)) {
            removed.forEach(first.articles("a")::remove);
            assertThat(download(first, id, ShareCredentials.none()).outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
        }
        try (MemoryServers second = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport report = download(second, id, ShareCredentials.none());
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(report.counts().articlesFetched()).isEqualTo(removed.size());
            assertThat(report.counts().filesSkipped()).isEqualTo(fixture.files.size() - 1);
        }
        assertTreeMatches(fixture);
    }

    /**
     * A file of at least {@link OutputTarget#SYNC_THRESHOLD} completed by a run that ends incomplete
     * is synced and recorded as verified at that run's end, and the resume trusts the record: it
     * checks size and mtime, not content (the byte changed here stays changed).
     */
    @Test
    void aLargeFileCompletedByARunThatEndsIncompleteIsRecordedAndTrustedByTheResume() throws IOException {
        ShareFixture fixture = new ShareFixture(21);
        byte[] large = ShareFixture.bytes(new Random(21), (int) OutputTarget.SYNC_THRESHOLD + 5);
        fixture.add("large.bin", large);
        ShareId id = fixture.publishPublic(1);
        DownloadOptions synced = DownloadOptions.defaults().withInFlightArticles(8);
        String lost = fixture.segmentIds.get(2);
        try (MemoryServers first = new MemoryServers().server("a", fixture.articles)) {
            first.articles("a").remove(lost);
            DownloadReport report = new Downloader(synced, first, DownloadListener.NONE)
                    .download(DownloadRequest.share(id, ShareCredentials.none(), out));
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
            assertThat(report.missingFiles()).extracting(MissingFile::name).containsExactly("big.bin");
        }
        Path done = out.resolve("large.bin");
        assertThat(Files.readAllBytes(done)).isEqualTo(large);
        FileTime mtime = Files.getLastModifiedTime(done);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(done,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) ~large[1000]}), 1000);
        }
        Files.setLastModifiedTime(done, mtime);
        try (MemoryServers second = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport report = new Downloader(synced, second, DownloadListener.NONE)
                    .download(DownloadRequest.share(id, ShareCredentials.none(), out));
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(report.counts().articlesFetched()).isEqualTo(1);
        }
        assertThat(Files.readAllBytes(done)[1000]).isEqualTo((byte) ~large[1000]);
        assertThat(out.resolve(".usync")).doesNotExist();
    }

    @Test
    void anArticleWhoseFetchFaultsIsRetriedAfterADelay() throws IOException {
        ShareFixture fixture = new ShareFixture(13);
        ShareId id = fixture.publishPublic(1);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            java.util.Set<String> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
            io.usync.download.fetch.ArticleFetcher flaky = (mid, decoders) -> {
                if (fixture.segmentIds.contains(mid.withBrackets()) && failedOnce.add(mid.withBrackets())) {
                    return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("server down"));
                }
                return servers.fetch(mid, decoders);
            };
            DownloadReport report = new Downloader(options().withFaultRetries(2, java.time.Duration.ofMillis(10)),
                    flaky, DownloadListener.NONE).download(DownloadRequest.share(id, ShareCredentials.none(), out));
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(failedOnce).hasSize(fixture.segmentIds.size());
        }
        assertTreeMatches(fixture);
    }

    @Test
    void swappedSegmentsFailAuthenticationAndAreNotWritten() {
        ShareFixture fixture = new ShareFixture(6);
        ShareId id = fixture.publishPublic(1);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            Map<String, byte[]> a = servers.articles("a");
            byte[] s1 = a.get(fixture.segmentIds.get(1));
            a.put(fixture.segmentIds.get(1), a.get(fixture.segmentIds.get(2)));
            a.put(fixture.segmentIds.get(2), s1);
            DownloadReport report = download(servers, id, ShareCredentials.none());
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
            assertThat(report.missingFiles().getFirst().missingSegments()).isEqualTo(2);
            assertThat(report.missingFiles().getFirst().reason()).contains("authentication failed");
        }
    }

    @Test
    void aHeaderCopiedToANewerVersionIdIsDetectedAsRolledBack() throws IOException {
        ShareFixture fixture = new ShareFixture(7);
        ShareId id = fixture.publishPublic(1);
        byte[] v1 = fixture.articles.get(io.usync.core.crypto.MessageIds.manifestHeader(fixture.locator, 1,
                ShareFixture.DOMAIN).withBrackets());
        fixture.articles.put(io.usync.core.crypto.MessageIds.manifestHeader(fixture.locator, 2,
                ShareFixture.DOMAIN).withBrackets(), v1);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport report = download(servers, id, ShareCredentials.none());
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.FAILED);
            assertThat(report.failure().orElseThrow()).contains("does not match");
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void probesToTheNewestVersionUnlessOneIsGiven() throws IOException {
        ShareFixture fixture = new ShareFixture(8);
        fixture.publishPublic(1);
        fixture.publishPublic(2);
        ShareId id = fixture.publishPublic(3);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            List<String> statuses = new ArrayList<>();
            DownloadListener listener = new DownloadListener() {
                @Override
                public synchronized void status(String message) {
                    statuses.add(message);
                }
            };
            DownloadReport report = new Downloader(options(), servers, listener)
                    .download(DownloadRequest.share(id, ShareCredentials.none(), out));
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(statuses).anyMatch(s -> s.contains("version 3"));
            Path other = out.resolve("v2");
            statuses.clear();
            DownloadReport v2 = new Downloader(options(), servers, listener).download(new DownloadRequest(
                    new DownloadRequest.Share(id, ShareCredentials.none(), OptionalInt.of(2)), other, List.of()));
            assertThat(v2.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(statuses).anyMatch(s -> s.contains("version 2"));
        }
    }

    /** A one-version share is resolved in one round trip: version 2's header is asked for before version 1 answers. */
    @Test
    void theProbeAsksForVersionsOneAndTwoTogether() throws IOException {
        ShareFixture fixture = new ShareFixture(10);
        ShareId id = fixture.publishPublic(1);
        String first = io.usync.core.crypto.MessageIds.manifestHeader(fixture.locator, 1, ShareFixture.DOMAIN).withBrackets();
        String second = io.usync.core.crypto.MessageIds.manifestHeader(fixture.locator, 2, ShareFixture.DOMAIN).withBrackets();
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            CompletableFuture<Void> secondAsked = new CompletableFuture<>();
            AtomicBoolean firstAnsweredAfterSecondAsked = new AtomicBoolean();
            ArticleFetcher held = (mid, decoders) -> {
                if (mid.withBrackets().equals(second)) {
                    secondAsked.complete(null);
                }
                if (!mid.withBrackets().equals(first)) {
                    return servers.fetch(mid, decoders);
                }
                // Version 1's answer waits for the request of version 2 (or 2 s, when none comes).
                return secondAsked.copy().completeOnTimeout(null, 2, TimeUnit.SECONDS).thenCompose(v -> {
                    firstAnsweredAfterSecondAsked.set(secondAsked.isDone());
                    return servers.fetch(mid, decoders);
                });
            };
            DownloadReport report = new Downloader(options(), held, DownloadListener.NONE)
                    .download(DownloadRequest.share(id, ShareCredentials.none(), out));
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(firstAnsweredAfterSecondAsked).isTrue();
        }
        assertTreeMatches(fixture);
    }

    @Test
    void protectedShareOpensWithThePasswordAndFailsCleanlyWithAWrongOne() throws IOException {
        ShareFixture fixture = new ShareFixture(9);
        ShareId id = fixture.publishProtected("right horse".toCharArray());
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport wrong = download(servers, id, new ShareCredentials.Password("wrong".toCharArray()));
            assertThat(wrong.outcome()).isEqualTo(DownloadOutcome.FAILED);
            assertThat(wrong.failure().orElseThrow()).contains("password does not open").doesNotContain("\n");
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files).isEmpty();
            }
            DownloadReport right = download(servers, id, new ShareCredentials.Password("right horse".toCharArray()));
            assertThat(right.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
        }
        assertTreeMatches(fixture);
    }

    @Test
    void privateShareOpensWithTheRecipientKeyAndFailsCleanlyWithAnother() throws IOException {
        SecureRandom random = new SecureRandom();
        RecipientKeyPair alice = RecipientKeys.generate(random);
        RecipientKeyPair mallory = RecipientKeys.generate(random);
        ShareFixture fixture = new ShareFixture(10);
        ShareId id = fixture.publishPrivate(alice);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport wrong = download(servers, id, new ShareCredentials.Identity(mallory));
            assertThat(wrong.outcome()).isEqualTo(DownloadOutcome.FAILED);
            assertThat(wrong.failure().orElseThrow()).contains("not shared with the key");
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files).isEmpty();
            }
            assertThat(download(servers, id, new ShareCredentials.Identity(alice)).outcome())
                    .isEqualTo(DownloadOutcome.COMPLETE);
        }
        assertTreeMatches(fixture);
    }

    @Test
    void onlySelectsMatchingFilesIncludingPackedOnes() throws IOException {
        ShareFixture fixture = new ShareFixture(11);
        ShareId id = fixture.publishPublic(1);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport report = new Downloader(options(), servers, DownloadListener.NONE)
                    .download(DownloadRequest.share(id, ShareCredentials.none(), out).withOnly(List.of("small-2.txt")));
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(report.counts().filesCompleted()).isEqualTo(1);
        }
        assertThat(Files.readAllBytes(out.resolve("dir/small-2.txt"))).isEqualTo(fixture.files.get("dir/small-2.txt"));
        assertThat(out.resolve("big.bin")).doesNotExist();
    }

    /** A hostile manifest entry (a file or a folder) and the seed of the fixture around it. */
    record Hostile(String name, boolean folder, long seed) {

        @Override
        public String toString() {
            return (folder ? "folder " : "file ") + TerminalText.printable(name) + " (seed " + seed + ")";
        }
    }

    private static Stream<Hostile> hostile(boolean folder, String... names) {
        return Arrays.stream(names).map(n -> new Hostile(n, folder, 1000 + Math.floorMod(n.hashCode(), 1000)));
    }

    /** Names the manifest model takes but which would leave or harm the target on some system. */
    static Stream<Hostile> namesRefusedAtTheTarget() {
        return Stream.concat(hostile(false, "..\\..\\escape-back.bin", "a\\..\\..\\escape-mid.bin",
                "\\escape-root.bin", "\\\\server\\share\\escape-unc.bin", "C:", "C:escape-drive.bin",
                "C:\\Windows\\escape-drive.bin", "CON", "nul.txt", "dir/COM1.log", "aux.tar.gz", "CON.",
                "gnp\u202eexe.bin", ".usync/state.log", ".USYNC/x.bin", ".usync. /x.bin", "big.bin.usync-part",
                "dir/small-1.txt.USYNC-PART"),
                hostile(true, "..\\up-folder", "C:\\folder", "PRN", ".usync"));
    }

    /** Names only a crafted manifest can carry: the manifest itself is refused, naming the entry. */
    static Stream<Hostile> namesThatRefuseTheManifest() {
        return Stream.concat(hostile(false, "a/..", "../escape-up.bin", "a/../../escape-mid.bin",
                "/tmp/usync-unit-absolute.bin", "ctl\u0001name.bin", "term\u001b[2Jclear.bin", "csi\u009bname.bin",
                "nul\u0000byte.bin", "dir//empty-segment.bin"),
                hostile(true, "../escape-folder", "/tmp/usync-unit-folder", "bell\u0007folder"));
    }

    /** Every regular file and link below {@code root}. */
    private static List<Path> entriesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }

    /** A fixture of the entry's seed with the entry added, crafted into the manifest's encoding when {@code crafted}. */
    private static ShareFixture fixtureWith(Hostile hostile, boolean crafted) {
        ShareFixture fixture = new ShareFixture(hostile.seed());
        byte[] content = ShareFixture.bytes(new Random(hostile.seed()), 400);
        if (hostile.folder() && crafted) {
            fixture.addCraftedFolder(hostile.name());
        } else if (hostile.folder()) {
            fixture.folders.add(hostile.name());
        } else if (crafted) {
            fixture.addCrafted(hostile.name(), content);
        } else {
            fixture.add(hostile.name(), content);
        }
        return fixture;
    }

    /** Publishes {@code fixture} as version 1 of a public share and downloads it into {@code target}. */
    private static DownloadReport publishAndDownload(ShareFixture fixture, Path target) {
        ShareId id = fixture.publishPublic(1);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            return new Downloader(options(), servers, DownloadListener.NONE)
                    .download(DownloadRequest.share(id, ShareCredentials.none(), target));
        }
    }

    /** A folder beside the target holding a file a hostile name might overwrite. */
    private Path outsideVictim() throws IOException {
        Path victim = Files.createDirectories(out.resolve("outside")).resolve("victim.bin");
        Files.write(victim, new byte[] {42, 42, 42});
        Files.setLastModifiedTime(victim, FileTime.fromMillis(1_500_000_000_000L));
        return victim;
    }

    private static void assertUntouched(Path victim) throws IOException {
        assertThat(Files.readAllBytes(victim)).as("outside file").containsExactly(42, 42, 42);
        assertThat(Files.getLastModifiedTime(victim).toMillis()).as("outside file's time").isEqualTo(1_500_000_000_000L);
        try (Stream<Path> beside = Files.list(victim.getParent())) {
            assertThat(beside).as("outside folder").containsExactly(victim);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namesRefusedAtTheTarget")
    void aNameThatWouldLeaveOrHarmTheTargetIsRefusedByNameAndTheRestIsWritten(Hostile hostile) throws IOException {
        ShareFixture fixture = fixtureWith(hostile, false);
        Path victim = outsideVictim();
        Path target = out.resolve("target");
        DownloadReport report = publishAndDownload(fixture, target);
        assertThat(report.outcome()).as("%s: %s", hostile, report).isEqualTo(DownloadOutcome.INCOMPLETE);
        assertThat(report.rejectedNames()).as("%s", hostile).singleElement()
                .satisfies(r -> assertThat(r.name()).isEqualTo(hostile.name()))
                .satisfies(r -> assertThat(r.reason()).isNotBlank());
        assertUntouched(victim);
        try (Stream<Path> top = Files.list(out)) {
            assertThat(top).as("%s", hostile).containsExactlyInAnyOrder(target, victim.getParent());
        }
        assertThat(Files.readAllBytes(target.resolve("big.bin"))).as("%s", hostile).isEqualTo(fixture.files.get("big.bin"));
        assertThat(Files.readAllBytes(target.resolve("dir/small-1.txt"))).as("%s", hostile)
                .isEqualTo(fixture.files.get("dir/small-1.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namesThatRefuseTheManifest")
    void aCraftedManifestNamingAPathOutsideTheTargetFailsNamingItAndWritesNothing(Hostile hostile) throws IOException {
        ShareFixture fixture = fixtureWith(hostile, true);
        Path victim = outsideVictim();
        Path target = out.resolve("target");
        DownloadReport report = publishAndDownload(fixture, target);
        assertThat(report.outcome()).as("%s: %s", hostile, report).isEqualTo(DownloadOutcome.FAILED);
        String shown = TerminalText.printable(hostile.name());
        assertThat(report.failure().orElseThrow()).as("%s", hostile).contains(shown).doesNotContain("\n")
                .doesNotContainPattern("\\p{Cntrl}");
        assertUntouched(victim);
        if (Files.exists(target)) {
            assertThat(entriesUnder(target)).as("%s", hostile).isEmpty();
        }
        assertThat(Path.of("/tmp/usync-unit-absolute.bin")).doesNotExist();
        assertThat(Path.of("/tmp/usync-unit-folder")).doesNotExist();
    }

    /**
     * Symbolic links already in the target that {@link DownloaderTargetSafetyTest} does not meet: a
     * packed file's final name (written in one go, not through a part file) and a manifest folder
     * entry under a link leading out.
     */
    @ParameterizedTest(name = "folder entry: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aSymbolicLinkInTheTargetIsNeverWrittenThrough(boolean folderEntry) throws IOException {
        long seed = folderEntry ? 2001 : 2000;
        ShareFixture fixture = new ShareFixture(seed);
        Path victim = outsideVictim();
        Path target = Files.createDirectories(out.resolve("target"));
        if (folderEntry) {
            Files.createSymbolicLink(target.resolve("linked"), victim.getParent());
            fixture.folders.add("linked/sub");
        } else {
            Files.createSymbolicLink(target.resolve("link.bin"), victim);
            fixture.add("link.bin", ShareFixture.bytes(new Random(seed), 3));
        }
        DownloadReport report = publishAndDownload(fixture, target);
        assertUntouched(victim);
        if (folderEntry) {
            assertThat(report.outcome()).as("seed %d: %s", seed, report).isEqualTo(DownloadOutcome.INCOMPLETE);
            assertThat(report.rejectedNames()).singleElement()
                    .satisfies(r -> assertThat(r.name()).isEqualTo("linked/sub"))
                    .satisfies(r -> assertThat(r.reason()).contains("symbolic link"));
        } else {
            assertThat(report.outcome()).as("seed %d: %s", seed, report).isEqualTo(DownloadOutcome.COMPLETE);
            assertThat(Files.isSymbolicLink(target.resolve("link.bin"))).isFalse();
            assertTreeMatches(fixture, target);
        }
    }

    @Test
    void hostileNamesInAManifestAreRejectedAndReportedAndNothingLandsOutside() throws IOException {
        ShareFixture fixture = new ShareFixture(12);
        fixture.add("..\\..\\escape.txt", new byte[] {1, 2, 3});
        fixture.add("CON", new byte[] {4});
        fixture.add("C:\\evil.txt", new byte[] {5});
        ShareId id = fixture.publishPublic(1);
        Path target = out.resolve("target");
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport report = new Downloader(options(), servers, DownloadListener.NONE)
                    .download(DownloadRequest.share(id, ShareCredentials.none(), target));
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
            assertThat(report.rejectedNames()).hasSize(3);
        }
        try (Stream<Path> outside = Files.list(out)) {
            assertThat(outside).containsExactly(target);
        }
        assertThat(Files.readAllBytes(target.resolve("big.bin"))).isEqualTo(fixture.files.get("big.bin"));
    }

    /**
     * Names that differ only by case, or only by Unicode normalisation (NFC "é" against NFD "e" and
     * a combining accent), are different names on Linux file systems: each is its own file with its
     * own bytes, none overwrites another, and none is refused.
     */
    @Test
    void namesThatDifferOnlyByCaseOrNormalisationAreSeparateFiles() throws IOException {
        ShareFixture fixture = new ShareFixture(13);
        Random rnd = new Random(13);
        List<String> names = List.of("notes/Readme.txt", "notes/README.txt", "notes/readme.TXT",
                "caf\u00e9/men\u00fc.txt", "cafe\u0301/menu\u0308.txt", "caf\u00e9/menu\u0308.txt",
                "Big/part.bin", "big/part.bin");
        for (String name : names) {
            fixture.add(name, ShareFixture.bytes(rnd, 1000 + rnd.nextInt(3000)));
        }
        fixture.add("big/part2.bin", ShareFixture.bytes(rnd, 2_000_000));
        ShareId id = fixture.publishPublic(1);
        try (MemoryServers servers = new MemoryServers().server("a", fixture.articles)) {
            DownloadReport report = download(servers, id, ShareCredentials.none());
            assertThat(report.failure()).isEmpty();
            assertThat(report.rejectedNames()).isEmpty();
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
        }
        assertTreeMatches(fixture);
        try (Stream<Path> notes = Files.list(out.resolve("notes"))) {
            assertThat(notes.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "Readme.txt", "README.txt", "readme.TXT");
        }
        assertThat(out.resolve("caf\u00e9")).isDirectory();
        assertThat(out.resolve("cafe\u0301")).isDirectory();
    }
}
