package io.usync.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.ShareId;
import io.usync.core.crypto.MessageIds;
import io.usync.core.crypto.ShareKeys;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.CliEnvironment;
import io.usync.it.support.InnFaultProxy;
import io.usync.it.support.NntpFaultProxy;
import io.usync.it.support.RoundTrip;
import io.usync.it.support.SourceTree;
import io.usync.it.support.UsyncProcess;
import io.usync.upload.UploadOutcome;
import io.usync.upload.UploadReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code usync download} (a child JVM reading INN2 through the fault proxy, which
 * throttles every article body so the transfer takes seconds) in the middle of the transfer: the
 * same command again finishes with identical bytes, and fetches none of the articles whose
 * segments the downloader's resume log had made durable before the kill (those served before
 * three later syncs of that log), so the second run fetches only what was missing.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DownloadCrashIT {

    /** Per body on the one connection: about 50 bodies a second, 13 s for the whole share. */
    private static final long BODY_DELAY_MILLIS = 20;

    /** Data bodies served before the snapshot of what must not be fetched again. */
    private static final int SNAPSHOT_AFTER_BODIES = 60;

    /** Syncs of the resume log awaited after the snapshot (each at most its 2 s interval apart) before the kill. */
    private static final int SYNCS_BEFORE_KILL = 3;

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @RegisterExtension
    final InnFaultProxy servers = new InnFaultProxy();

    @TempDir
    Path dir;

    @Test
    void aDownloadKilledMidTransferFetchesOnlyWhatWasMissingWhenRunAgain() throws Exception {
        Path source = dir.resolve("src");
        SourceTree.writeFile(source.resolve("big.bin"), 101, 10 * 1024 * 1024);
        SourceTree.writeFile(source.resolve("small.bin"), 102, 10_000);
        RoundTrip rig = RoundTrip.defaults();
        UploadReport upload = rig.upload(List.of(servers.direct("inn", 0)), RoundTrip.indexOptions(DB), source);
        assertThat(upload.outcome()).as("%s", upload.problems()).isEqualTo(UploadOutcome.COMPLETE);
        String id = upload.shareId().orElseThrow();
        Set<String> manifest = manifestIds(id, rig.uploadOptions().messageIdDomain());
        NntpFaultProxy proxy = servers.proxy();
        proxy.faults().delayBodies(BODY_DELAY_MILLIS);
        CliEnvironment env = CliEnvironment.create(dir.resolve("cli"), proxy.host(), proxy.port(),
                servers.inn().group(), DB, DB.jdbcUrl(), "");
        Path out = dir.resolve("out");

        Set<String> durable;
        Set<String> firstRun;
        try (UsyncProcess download = UsyncProcess.start(env.logs(), env.variables(), "download", id, "-o",
                out.toString(), "--connections", "1")) {
            await(download, "data bodies served",
                    () -> data(proxy.servedCounts(), manifest).size() >= SNAPSHOT_AFTER_BODIES);
            durable = data(proxy.servedCounts(), manifest);
            for (int sync = 0; sync < SYNCS_BEFORE_KILL; sync++) {
                long size = resumeLogSize(out);
                await(download, "a sync of the resume log", () -> resumeLogSize(out) > size);
            }
            assertThat(download.kill9()).as("download still running when killed\n%s", download.err()).isTrue();
            firstRun = data(proxy.servedCounts(), manifest);
        }
        Map<String, Integer> beforeSecondRun = proxy.servedCounts();
        proxy.faults().clear();

        UsyncProcess.Finished again = UsyncProcess.run(env.logs(), env.variables(), 120, "download", id, "-o",
                out.toString());

        assertThat(again.exit()).as("%s", again).isZero();
        SourceTree.assertSameTree(source, out);
        Map<String, Integer> after = proxy.servedCounts();
        Set<String> secondRun = data(after, manifest).stream()
                .filter(m -> after.get(m) > beforeSecondRun.getOrDefault(m, 0)).collect(Collectors.toSet());
        Set<String> all = data(after, manifest);
        assertThat(firstRun).as("articles fetched before the kill, of %d", all.size()).hasSizeLessThan(all.size());
        assertThat(secondRun).as("articles fetched again although durable before the kill")
                .doesNotContainAnyElementsOf(durable);
        assertThat(secondRun.size()).as("articles fetched by the second run (%d durable, %d fetched before the kill)",
                durable.size(), firstRun.size()).isLessThanOrEqualTo(all.size() - durable.size());
        Set<String> refetched = new HashSet<>(secondRun);
        refetched.retainAll(firstRun);
        System.out.printf("download kill -9: %d data articles, %d fetched before the kill, %d of them durable, "
                + "second run fetched %d (%d again)%n", all.size(), firstRun.size(), durable.size(), secondRun.size(),
                refetched.size());
    }

    /** The ids served (wire form) that are data segments, not manifest articles. */
    private static Set<String> data(Map<String, Integer> served, Set<String> manifest) {
        return served.keySet().stream().filter(m -> !manifest.contains(m)).collect(Collectors.toSet());
    }

    /** The manifest header and page ids of the first versions of a public share (more than it has). */
    private static Set<String> manifestIds(String shareId, String domain) {
        ShareId.Public share = (ShareId.Public) ShareId.parse(shareId);
        MessageIds ids = MessageIds.forShare(ShareKeys.derive(share.rootKey()), domain);
        Set<String> all = new HashSet<>();
        for (int version = 1; version <= 3; version++) {
            all.add(MessageIds.manifestHeader(share.locator(), version, domain).withBrackets());
            for (int page = 0; page < 64; page++) {
                all.add(ids.manifestPage(version, page).withBrackets());
            }
        }
        return all;
    }

    /** The size of the downloader's resume log(s) under {@code <out>/.usync/} (0 before it exists). */
    private static long resumeLogSize(Path out) {
        Path state = out.resolve(".usync");
        if (!Files.isDirectory(state)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(state)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).mapToLong(f -> f.toFile().length())
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code condition} holds; fails when the download ends first or after 60 s. */
    private static void await(UsyncProcess download, String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (!download.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " while the download ran (alive: " + download.isAlive()
                        + ")\n--- out\n" + download.out() + "--- err\n" + download.err());
            }
            Thread.sleep(5);
        }
    }
}
