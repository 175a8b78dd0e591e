package io.usync.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.BlobKind;
import io.usync.core.ShareId;
import io.usync.core.crypto.MessageIds;
import io.usync.core.crypto.ShareKeys;
import io.usync.download.DownloadOutcome;
import io.usync.download.DownloadReport;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.RoundTrip;
import io.usync.it.support.SourceTree;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.upload.UploadOutcome;
import io.usync.upload.UploadReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A share tampered with on the server after a real upload: segments truncated, reordered within a
 * file or swapped between files, the newest manifest rolled back to an older one, another share's
 * manifest put in its place. Each is detected and reported; no file is ever written with wrong bytes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TamperedShareIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @TempDir
    Path dir;

    private FakeNntpServer server;
    private final RoundTrip rig = RoundTrip.defaults();
    private String domain;

    @BeforeEach
    void start() {
        server = FakeNntpServer.start();
        domain = rig.uploadOptions().messageIdDomain();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<NntpServerOptions> servers() {
        return List.of(RoundTrip.server("fake", server.host(), server.port(), 0));
    }

    private String upload(Path source) throws Exception {
        UploadReport report = rig.upload(servers(), RoundTrip.indexOptions(DB), source);
        assertThat(report.outcome()).as("%s", report.problems()).isEqualTo(UploadOutcome.COMPLETE);
        return report.shareId().orElseThrow();
    }

    private String segment(String shareId, int blob, int index) {
        ShareId.Public id = (ShareId.Public) ShareId.parse(shareId);
        return MessageIds.forShare(ShareKeys.derive(id.rootKey()), domain).segment(1, BlobKind.FILE, blob, index, 0)
                .withBrackets();
    }

    private String header(String shareId, int version) {
        return MessageIds.manifestHeader(ShareId.parse(shareId).locator(), version, domain).withBrackets();
    }

    private byte[] body(String id) {
        return server.body(id).orElseThrow(() -> new AssertionError("no article " + id));
    }

    private void swap(String a, String b) {
        byte[] first = body(a);
        byte[] second = body(b);
        server.putArticle(a, second);
        server.putArticle(b, first);
    }

    /** Downloads and asserts the outcome is not COMPLETE and every file present equals its source. */
    private DownloadReport detected(String shareId, Path source) throws Exception {
        Path out = dir.resolve("out");
        DownloadReport report = rig.download(servers(), shareId, out);
        assertThat(report.outcome()).as("%s", report).isNotEqualTo(DownloadOutcome.COMPLETE);
        if (Files.isDirectory(out)) {
            for (Path written : SourceTree.files(out)) {
                if (written.startsWith(".usync") || written.toString().endsWith(".usync-part")) {
                    continue;
                }
                assertThat(Files.mismatch(source.resolve(written), out.resolve(written)))
                        .as("%s written with wrong bytes", written).isEqualTo(-1L);
            }
        }
        return report;
    }

    private Path twoBigFiles() {
        Path source = dir.resolve("src");
        SourceTree.writeFile(source.resolve("a.bin"), 1, 300_000);
        SourceTree.writeFile(source.resolve("b.bin"), 2, 300_000);
        return source;
    }

    @Test
    void segmentsReorderedWithinAFileAreDetected() throws Exception {
        Path source = twoBigFiles();
        String id = upload(source);
        swap(segment(id, 0, 1), segment(id, 0, 2));
        detected(id, source);
    }

    @Test
    void segmentsSwappedBetweenFilesAreDetected() throws Exception {
        Path source = twoBigFiles();
        String id = upload(source);
        swap(segment(id, 0, 3), segment(id, 1, 3));
        detected(id, source);
    }

    @Test
    void aTruncatedSegmentIsDetected() throws Exception {
        Path source = twoBigFiles();
        String id = upload(source);
        byte[] whole = body(segment(id, 1, 2));
        server.putArticle(segment(id, 1, 2), Arrays.copyOf(whole, whole.length / 2));
        detected(id, source);
    }

    @Test
    void aFileCutShortByItsLastSegmentIsDetected() throws Exception {
        Path source = twoBigFiles();
        String id = upload(source);
        int last = (300_000 - 1) / (rig.uploadOptions().articleSize() - 29);
        server.faults().missing(segment(id, 0, last));
        detected(id, source);
    }

    @Test
    void aManifestRolledBackToAnOlderVersionIsDetected() throws Exception {
        Path source = dir.resolve("src");
        SourceTree.writeFile(source.resolve("a.bin"), 1, 50_000);
        String id = upload(source);
        SourceTree.writeFile(source.resolve("a.bin"), 3, 60_000);
        assertThat(upload(source)).isEqualTo(id);
        server.putArticle(header(id, 2), body(header(id, 1)));
        DownloadReport report = rig.download(servers(), id, dir.resolve("out"));
        if (report.outcome() == DownloadOutcome.COMPLETE) {
            assertThat(Files.mismatch(source.resolve("a.bin"), dir.resolve("out/a.bin")))
                    .as("a rolled-back manifest must never deliver the old content as the newest").isEqualTo(-1L);
        } else {
            assertThat(report.failure()).as("%s", report).isPresent();
        }
    }

    @Test
    void anotherSharesManifestInItsPlaceIsDetected() throws Exception {
        Path one = dir.resolve("one");
        SourceTree.writeFile(one.resolve("a.bin"), 1, 20_000);
        Path two = dir.resolve("two");
        SourceTree.writeFile(two.resolve("a.bin"), 2, 20_000);
        String first = upload(one);
        String second = upload(two);
        server.putArticle(header(first, 1), body(header(second, 1)));
        DownloadReport report = detected(first, one);
        assertThat(report.failure()).as("%s", report).isPresent();
        assertThat(dir.resolve("out/a.bin")).doesNotExist();
    }
}
