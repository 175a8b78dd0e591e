package io.usync.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.download.DownloadListener;
import io.usync.download.DownloadOptions;
import io.usync.download.DownloadReport;
import io.usync.download.DownloadRequest;
import io.usync.download.Downloader;
import io.usync.download.RejectedName;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.RoundTrip;
import io.usync.it.support.SourceTree;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.segmenter.yenc.ReferenceYencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import io.usync.segmenter.yenc.YencPart;
import io.usync.upload.UploadReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names that try to leave the target folder, from an NZB (subjects and yEnc headers) and from a
 * share's manifest (real files whose names are legal on Linux but hostile elsewhere, uploaded by
 * the real uploader): nothing is written outside the target, and every refused name is reported.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileNamesIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    @TempDir
    Path dir;

    /** Names SafePaths must refuse whatever the platform. */
    private static final List<String> REFUSED = List.of("CON", "nul.txt", "COM1.log", "ctl\u0001name.bin",
            "x".repeat(300) + ".bin", "..");

    /** Names that try to escape; they may be refused or flattened, never written outside. */
    private static final List<String> ESCAPING = List.of("../escape-up.bin", "../../escape-up2.bin",
            "/tmp/usync-hostile-absolute.bin", "C:\\Windows\\escape-drive.bin", "C:escape-drive2.bin",
            "a/../../escape-mid.bin", "\\\\server\\share\\escape-unc.bin", "..\\..\\escape-back.bin");

    private static List<Path> everythingUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private void assertNothingOutside(Path out, List<Path> before) throws IOException {
        List<Path> created = new ArrayList<>(everythingUnder(dir));
        created.removeAll(before);
        assertThat(created).as("files created outside %s", out).allMatch(p -> p.startsWith(out));
        assertThat(Path.of("/tmp/usync-hostile-absolute.bin")).doesNotExist();
        assertThat(dir.getParent().resolve("escape-up.bin")).doesNotExist();
    }

    private static void assertReported(DownloadReport report, List<String> names) throws IOException {
        List<String> reported = report.rejectedNames().stream().map(RejectedName::name).toList();
        assertThat(report.rejectedNames()).as("rejected: %s; report %s", reported, report).hasSizeGreaterThanOrEqualTo(names.size());
        assertThat(report.rejectedNames()).allMatch(r -> !r.reason().isBlank() && !r.name().contains("\u0001"));
    }

    @Test
    void anNzbNamingPathsOutsideTheTargetWritesNothingThereAndReportsEveryRefusedName() throws Exception {
        Path out = dir.resolve("work/out");
        Files.createDirectories(out);
        StringBuilder nzb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">\n");
        ReferenceYencEncoder encoder = new ReferenceYencEncoder(new YencEncoderOptions(128));
        List<String> names = new ArrayList<>(REFUSED);
        names.addAll(ESCAPING);
        names.add("good.bin");
        byte[] good = new byte[5000];
        new Random(7).nextBytes(good);
        try (FakeNntpServer server = FakeNntpServer.start()) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                byte[] data = name.equals("good.bin") ? good : ("payload " + i).getBytes(StandardCharsets.US_ASCII);
                byte[] body = encoder.encode(YencPart.of(name, 1, 1, data.length, 0, data.length), data);
                String id = "n" + i + "@hostile.invalid";
                server.putArticle("<" + id + ">", body);
                String subject = name.chars().anyMatch(c -> c < 0x20) ? "no quotes here yEnc (1/1)"
                        : xml("[" + (i + 1) + "/" + names.size() + "] - \"" + name + "\" yEnc (1/1) " + data.length);
                nzb.append("<file poster=\"p@example.invalid\" date=\"1700000000\" subject=\"").append(subject)
                        .append("\"><groups><group>alt.binaries.test</group></groups><segments>")
                        .append("<segment bytes=\"").append(body.length).append("\" number=\"1\">").append(id)
                        .append("</segment></segments></file>\n");
            }
            nzb.append("</nzb>\n");
            Path nzbFile = Files.writeString(dir.resolve("work/hostile.nzb"), nzb);
            List<Path> before = everythingUnder(dir);
            DownloadReport report;
            try (NntpCluster cluster = NntpCluster.create(List.of(RoundTrip.server("fake", server.host(), server.port(), 0)),
                    NntpClusterOptions.defaults(), NntpEventListener.NONE)) {
                report = new Downloader(DownloadOptions.defaults().withSyncData(false), cluster, DownloadListener.NONE)
                        .download(DownloadRequest.nzb(nzbFile, out));
            }
            assertNothingOutside(out, before);
            assertReported(report, REFUSED);
            assertThat(Files.readAllBytes(out.resolve("good.bin"))).isEqualTo(good);
            for (Path written : everythingUnder(out)) {
                assertThat(out.relativize(written).getNameCount()).as("%s is one level under the target", written)
                        .isLessThanOrEqualTo(2);
            }
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Test
    void aSourceFileNamedWithAControlCharacterIsReportedAndTheRestIsPublished() throws Exception {
        Path source = dir.resolve("src");
        SourceTree.writeFile(source.resolve("ctl\u0001name.bin"), 10, 100);
        SourceTree.writeFile(source.resolve("good.bin"), 9, 3000);
        try (FakeNntpServer server = FakeNntpServer.start()) {
            UploadReport upload = RoundTrip.defaults().upload(List.of(RoundTrip.server("fake", server.host(),
                    server.port(), 0)), RoundTrip.indexOptions(DB), source);
            assertThat(upload.shareId()).as("%s", upload.problems()).isPresent();
            assertThat(upload.problems()).anyMatch(p -> p.contains("ctl"));
        }
    }

    @Test
    void aManifestNamingPathsOutsideTheTargetWritesNothingThereAndReportsEveryRefusedName() throws Exception {
        Path source = dir.resolve("src");
        Files.createDirectories(source);
        List<String> legalHere = List.of("CON", "nul.txt", "COM1.log",
                "C:escape-drive2.bin", "..\\..\\escape-back.bin", "C:\\Windows\\escape-drive.bin");
        for (String name : legalHere) {
            Files.writeString(source.resolve(name), "hostile " + name);
        }
        SourceTree.writeFile(source.resolve("good.bin"), 9, 3000);
        try (FakeNntpServer server = FakeNntpServer.start()) {
            RoundTrip rig = RoundTrip.defaults();
            var options = List.of(RoundTrip.server("fake", server.host(), server.port(), 0));
            UploadReport upload = rig.upload(options, RoundTrip.indexOptions(DB), source);
            assertThat(upload.shareId()).as("%s", upload.problems()).isPresent();
            Path out = dir.resolve("work/out");
            Files.createDirectories(out);
            List<Path> before = everythingUnder(dir);
            DownloadReport report = rig.download(options, upload.shareId().get(), out);
            assertNothingOutside(out, before);
            assertReported(report, legalHere);
            assertThat(Files.readAllBytes(out.resolve("good.bin"))).isEqualTo(Files.readAllBytes(source.resolve("good.bin")));
        }
    }
}
