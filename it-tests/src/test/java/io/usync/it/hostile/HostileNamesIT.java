package io.usync.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.cli.ExitCode;
import io.usync.download.DownloadListener;
import io.usync.download.DownloadOptions;
import io.usync.download.DownloadReport;
import io.usync.download.DownloadRequest;
import io.usync.download.Downloader;
import io.usync.download.RejectedName;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.CliEnvironment;
import io.usync.it.support.CliRun;
import io.usync.it.support.CraftedShare;
import io.usync.it.support.RoundTrip;
import io.usync.it.support.SourceTree;
import io.usync.nntp.NntpCluster;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.nntp.testing.InnServer;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names that try to leave the target folder, from an NZB (subjects and yEnc headers) and from a
 * share's manifest (real files whose names are legal on Linux but hostile elsewhere, uploaded by
 * the real uploader, and crafted by hand with {@code ../x}, absolute and control-character names of
 * files and folders, published to INN2 and downloaded with the CLI): nothing is written outside the
 * target, and every refused name is reported (a crafted manifest in one line, exit DATA).
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

    /** A hostile entry of a crafted manifest: a file or a folder, its name, and a part of the name any refusal line quotes. */
    record HostileEntry(boolean folder, String name, String quoted) {

        @Override
        public String toString() {
            return (folder ? "folder " : "file ") + name.replaceAll("\\p{Cntrl}", "^");
        }
    }

    static Stream<HostileEntry> hostileManifestEntries() {
        return Stream.of(
                new HostileEntry(false, "../escape-up.bin", "escape-up.bin"),
                new HostileEntry(false, "/tmp/usync-hostile-absolute.bin", "usync-hostile-absolute.bin"),
                new HostileEntry(false, "a/../../escape-mid.bin", "escape-mid.bin"),
                new HostileEntry(false, "ctl\u0001name.bin", "name.bin"),
                new HostileEntry(false, "term\u001b[2Jclear.bin", "clear.bin"),
                new HostileEntry(false, "sub/nul\u0000byte.bin", "byte.bin"),
                new HostileEntry(true, "../escape-folder", "escape-folder"),
                new HostileEntry(true, "/tmp/usync-hostile-folder", "usync-hostile-folder"),
                new HostileEntry(true, "ok/../../escape-folder2", "escape-folder2"),
                new HostileEntry(true, "bell\u0007folder", "folder"));
    }

    /** Absolute or climbing names that also carry a terminal escape sequence (clear screen, set the window title). */
    static Stream<HostileEntry> escapingEntriesWithTerminalControls() {
        return Stream.of(
                new HostileEntry(false, "/tmp/esc\u001b[2Jabs.bin", "abs.bin"),
                new HostileEntry(false, "../title\u001b]0;pwned\u0007up.bin", "up.bin"),
                new HostileEntry(true, "../\u001b[2Jfolder-up", "folder-up"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileManifestEntries")
    void aCraftedManifestOnInnWithAHostileEntryWritesNothingOutsideAndRefusesItInOneLine(HostileEntry entry)
            throws Exception {
        downloadRefusesInOneCleanLine(entry);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapingEntriesWithTerminalControls")
    void aCraftedManifestEntryThatEscapesAndHoldsTerminalControlsIsRefusedWithoutPrintingThem(HostileEntry entry)
            throws Exception {
        downloadRefusesInOneCleanLine(entry);
    }

    /**
     * Publishes a crafted share of a good file, a good folder and {@code entry} to INN2 and downloads it
     * with the CLI: nothing is created outside the target, no control character is printed, and one
     * line without a stack trace names the refused entry.
     */
    private void downloadRefusesInOneCleanLine(HostileEntry entry) throws Exception {
        InnServer inn = InnServer.require();
        byte[] good = new byte[3000];
        new Random(11).nextBytes(good);
        CraftedShare share = new CraftedShare().file("good.bin", good).folder("fine/folder");
        if (entry.folder()) {
            share.folder(entry.name());
        } else {
            share.file(entry.name(), ("hostile " + entry).getBytes(StandardCharsets.UTF_8));
        }
        String shareId = share.publish(inn.host(), inn.port(), inn.group());
        Path out = dir.resolve("work/out");
        Files.createDirectories(out);
        CliEnvironment env = CliEnvironment.withEmbeddedIndex(dir.resolve("home"), inn.host(), inn.port(), inn.group());
        List<Path> beforeAll = allPathsUnder(dir);

        CliRun.Result run = CliRun.run(env.variables(), "download", shareId, "-o", out.toString());

        List<Path> created = new ArrayList<>(allPathsUnder(dir));
        created.removeAll(beforeAll);
        created.removeIf(p -> p.startsWith(env.configFile().getParent().getParent().getParent()));
        assertThat(created).as("created outside %s: %s", out, run).allMatch(p -> p.startsWith(out));
        assertThat(Path.of("/tmp/usync-hostile-absolute.bin")).doesNotExist();
        assertThat(Path.of("/tmp/usync-hostile-folder")).doesNotExist();
        assertThat(run.err() + run.out()).as("no control character reaches the terminal: %s", run)
                .doesNotContainPattern("[\\x00-\\x09\\x0b-\\x1f\\x7f]");
        assertThat(run.err()).as("%s", run).doesNotContain("Exception", "\tat ");
        List<String> refusals = run.err().lines().filter(l -> l.contains(entry.quoted())).toList();
        assertThat(refusals).as("one line refusing %s: %s", entry, run).hasSize(1);
        assertThat(run.exit()).as("%s", run).isEqualTo(ExitCode.DATA.code());
        assertThat(refusals.getFirst()).as("%s", run).startsWith("usync: ");
    }

    private static List<Path> allPathsUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.toList();
        }
    }
}
