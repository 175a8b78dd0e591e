package io.usync.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.download.output.PartFile;
import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class DownloaderNzbTest {

    private static final int PART = 700;

    @TempDir
    Path dir;

    private final YencEncoder yenc = new YencEncoder(YencEncoderOptions.defaults());
    private final Map<String, byte[]> articles = new LinkedHashMap<>();

    /** Posts {@code data} as plain multi-part yEnc and returns the NZB {@code <file>} element. */
    private String post(int fileNo, String subjectName, String yencName, byte[] data) {
        int parts = (data.length + PART - 1) / PART;
        StringBuilder xml = new StringBuilder("<file poster=\"p\" date=\"1\" subject=\"")
                .append(xmlEscape("[" + fileNo + "/9] - \"" + subjectName + "\" yEnc (1/" + parts + ") " + data.length))
                .append("\"><groups><group>alt.binaries.test</group></groups><segments>");
        for (int p = 0; p < parts; p++) {
            String id = "part" + p + "of" + fileNo + "@test.invalid";
            int offset = p * PART;
            articles.put("<" + id + ">", ShareFixture.yencArticle(yenc, yencName, data, p + 1, parts, offset,
                    Math.min(PART, data.length - offset)));
            xml.append("<segment bytes=\"").append(PART + 100).append("\" number=\"").append(p + 1).append("\">")
                    .append(id).append("</segment>");
        }
        return xml.append("</segments></file>").toString();
    }

    /** Replaces the last part of file {@code fileNo} with one whose trailer claims {@code fileCrc}. */
    private void lastPartClaims(int fileNo, byte[] data, int fileCrc) {
        int parts = (data.length + PART - 1) / PART;
        int offset = (parts - 1) * PART;
        io.usync.segmenter.yenc.YencPart yp = io.usync.segmenter.yenc.YencPart.of("f", parts, parts, data.length,
                offset, data.length - offset).withFileCrc32(fileCrc);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate((int) yenc.maxEncodedSize(yp));
        yenc.encode(yp, java.nio.ByteBuffer.wrap(data, offset, data.length - offset), out);
        articles.put("<part" + (parts - 1) + "of" + fileNo + "@test.invalid>",
                java.util.Arrays.copyOf(out.array(), out.position()));
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private Path nzb(String prolog, String files) throws IOException {
        Path file = dir.resolve("test.nzb");
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + prolog
                + "<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">" + files + "</nzb>", StandardCharsets.UTF_8);
        return file;
    }

    private DownloadReport download(Path nzb, Path out, MemoryServers servers) {
        return download(nzb, out, servers, DownloadOptions.defaults().nzbPlanSegments());
    }

    private DownloadReport download(Path nzb, Path out, MemoryServers servers, int planSegments) {
        return new Downloader(DownloadOptions.defaults().withInFlightArticles(8).withSyncData(false)
                .withNzbPlanSegments(planSegments), servers, DownloadListener.NONE).download(DownloadRequest.nzb(nzb, out));
    }

    /** 0 streams the NZB for every planning step; 3 is below the test NZB's segments; the default keeps it. */
    @ParameterizedTest
    @ValueSource(ints = {0, 3, 100_000})
    void aSecondRunSkipsVerifiedFilesAndFetchesOnlyWhatWasMissingWhetherThePlanIsKeptOrStreamed(int planSegments)
            throws IOException {
        Random r = new Random(8);
        byte[] a = ShareFixture.bytes(r, 3 * PART);
        byte[] b = ShareFixture.bytes(r, 2 * PART);
        byte[] c = ShareFixture.bytes(r, 10);
        Path nzb = nzb("", post(1, "a.bin", "a.bin", a) + post(2, "b.bin", "b.bin", b)
                + post(3, "..", "..", c) + post(4, "b.bin", "b.bin", c));
        byte[] lost = articles.remove("<part1of1@test.invalid>");
        Path out = dir.resolve("out");
        java.util.List<RejectedName> rejected;
        try (MemoryServers servers = new MemoryServers().server("a", articles)) {
            DownloadReport report = download(nzb, out, servers, planSegments);
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
            assertThat(report.missingFiles()).extracting(MissingFile::name).containsExactly("a.bin");
            assertThat(report.rejectedNames()).extracting(RejectedName::name).isNotEmpty().containsOnly("..");
            assertThat(report.counts().filesCompleted()).isEqualTo(2);
            rejected = report.rejectedNames();
        }
        articles.put("<part1of1@test.invalid>", lost);
        try (MemoryServers servers = new MemoryServers().server("a", articles)) {
            DownloadReport report = download(nzb, out, servers, planSegments);
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.INCOMPLETE); // the refused name
            assertThat(report.missingFiles()).isEmpty();
            assertThat(report.rejectedNames()).isEqualTo(rejected);
            assertThat(report.counts().filesSkipped()).isEqualTo(2);
            assertThat(report.counts().filesCompleted()).isEqualTo(1);
            assertThat(report.counts().articlesFetched()).isEqualTo(1);
        }
        assertThat(Files.readAllBytes(out.resolve("a.bin"))).isEqualTo(a);
        assertThat(Files.readAllBytes(out.resolve("b.bin"))).isEqualTo(b);
        assertThat(Files.readAllBytes(out.resolve("b (2).bin"))).isEqualTo(c);
    }

    @Test
    void downloadsAnNzbWithADoctypeNamingADeadUrl() throws IOException {
        Random r = new Random(1);
        byte[] a = ShareFixture.bytes(r, 5 * PART + 17);
        byte[] b = ShareFixture.bytes(r, 300);
        String files = post(1, "movie.mkv", "movie.mkv", a) + post(2, "notes.txt", "notes.txt", b);
        Path nzb = nzb("<!DOCTYPE nzb PUBLIC \"-//newzBin//DTD NZB 1.1//EN\" "
                + "\"http://www.newzbin.com/DTD/nzb/nzb-1.1.dtd\">\n", files);
        Path out = dir.resolve("out");
        try (MemoryServers servers = new MemoryServers().server("a", articles)) {
            DownloadReport report = download(nzb, out, servers);
            assertThat(report.failure()).isEmpty();
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
        }
        assertThat(Files.readAllBytes(out.resolve("movie.mkv"))).isEqualTo(a);
        assertThat(Files.readAllBytes(out.resolve("notes.txt"))).isEqualTo(b);
    }

    @Test
    void differentFilesWithTheSameNameAreBothWrittenAndARepeatedEntryOnce() throws IOException {
        Random r = new Random(6);
        byte[] first = ShareFixture.bytes(r, 2 * PART + 3);
        byte[] second = ShareFixture.bytes(r, PART + 9);
        String one = post(1, "x.bin", "x.bin", first);
        Path nzb = nzb("", one + post(2, "x.bin", "x.bin", second) + one);
        Path out = dir.resolve("out");
        try (MemoryServers servers = new MemoryServers().server("a", articles)) {
            DownloadReport report = download(nzb, out, servers);
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.COMPLETE);
        }
        assertThat(Files.readAllBytes(out.resolve("x.bin"))).isEqualTo(first);
        assertThat(Files.readAllBytes(out.resolve("x (2).bin"))).isEqualTo(second);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("x.bin", "x (2).bin");
        }
    }

    @Test
    void anExternalEntityIsNeverLoaded() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "top secret");
        byte[] a = ShareFixture.bytes(new Random(2), 900);
        String files = post(1, "a.bin", "a.bin", a).replace("p\" date", "&xxe;\" date");
        Path nzb = nzb("<!DOCTYPE nzb [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n", files);
        Path out = dir.resolve("out");
        try (MemoryServers servers = new MemoryServers().server("a", articles)) {
            DownloadReport report = download(nzb, out, servers);
            assertThat(report.outcome()).isIn(DownloadOutcome.FAILED, DownloadOutcome.COMPLETE);
            report.failure().ifPresent(f -> assertThat(f).doesNotContain("top secret").doesNotContain("\n"));
        }
        if (Files.exists(out)) {
            try (Stream<Path> walk = Files.walk(out)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(p, StandardCharsets.ISO_8859_1)).doesNotContain("top secret");
                }
            }
        }
    }

    @Test
    void hostileSubjectNamesFallBackToTheYencNameOrAreRejected() throws IOException {
        Random r = new Random(3);
        byte[] a = ShareFixture.bytes(r, 1000);
        byte[] b = ShareFixture.bytes(r, 1000);
        byte[] c = ShareFixture.bytes(r, 1000);
        String files = post(1, "../../escape.bin", "../../escape.bin", a)
                + post(2, "..", "safe-from-yenc.bin", b)
                + post(3, "/etc/passwd", "/etc/passwd", c);
        Path nzb = nzb("", files);
        Path out = dir.resolve("out");
        try (MemoryServers servers = new MemoryServers().server("a", articles)) {
            DownloadReport report = download(nzb, out, servers);
            assertThat(report.rejectedNames()).extracting(RejectedName::name).contains("..");
        }
        try (Stream<Path> top = Files.list(dir)) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("test.nzb", "out");
        }
        assertThat(Files.readAllBytes(out.resolve("safe-from-yenc.bin"))).isEqualTo(b);
        try (Stream<Path> walk = Files.walk(out)) {
            assertThat(walk.allMatch(p -> p.normalize().startsWith(out))).isTrue();
        }
    }

    @Test
    void theWholeFileCrcFromTheLastPartIsChecked() throws IOException {
        Random r = new Random(5);
        byte[] good = ShareFixture.bytes(r, 3 * PART + 5);
        byte[] bad = ShareFixture.bytes(r, 3 * PART + 5);
        Path nzb = nzb("", post(1, "good.bin", "good.bin", good) + post(2, "bad.bin", "bad.bin", bad));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(good);
        lastPartClaims(1, good, (int) crc.getValue());
        lastPartClaims(2, bad, (int) crc.getValue());
        Path out = dir.resolve("out");
        try (MemoryServers servers = new MemoryServers().server("a", articles)) {
            DownloadReport report = download(nzb, out, servers);
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
            assertThat(report.missingFiles()).extracting(MissingFile::name).containsExactly("bad.bin");
            assertThat(report.missingFiles().getFirst().reason()).contains("CRC-32");
        }
        assertThat(Files.readAllBytes(out.resolve("good.bin"))).isEqualTo(good);
        assertThat(out.resolve("bad.bin")).doesNotExist();
    }

    @Test
    void missingSegmentsAreReportedByFileAndTheRestIsWritten() throws IOException {
        Random r = new Random(4);
        byte[] a = ShareFixture.bytes(r, 3 * PART);
        byte[] b = ShareFixture.bytes(r, 2 * PART);
        Path nzb = nzb("", post(1, "a.bin", "a.bin", a) + post(2, "b.bin", "b.bin", b));
        articles.remove("<part1of1@test.invalid>");
        Path out = dir.resolve("out");
        try (MemoryServers servers = new MemoryServers().server("a", articles)) {
            DownloadReport report = download(nzb, out, servers);
            assertThat(report.outcome()).isEqualTo(DownloadOutcome.INCOMPLETE);
            assertThat(report.missingFiles()).extracting(MissingFile::name).containsExactly("a.bin");
            assertThat(report.missingFiles().getFirst().missingSegments()).isEqualTo(1);
        }
        assertThat(Files.readAllBytes(out.resolve("b.bin"))).isEqualTo(b);
        byte[] part = Files.readAllBytes(out.resolve("a.bin" + PartFile.SUFFIX));
        assertThat(java.util.Arrays.copyOfRange(part, 0, PART)).isEqualTo(java.util.Arrays.copyOfRange(a, 0, PART));
        assertThat(java.util.Arrays.copyOfRange(part, 2 * PART, 3 * PART))
                .isEqualTo(java.util.Arrays.copyOfRange(a, 2 * PART, 3 * PART));
    }
}
