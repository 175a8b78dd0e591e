package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.download.DownloadFailure;
import io.usync.download.DownloadReport;
import io.usync.nntp.NntpClusterOptions;
import io.usync.nntp.NntpPoolOptions;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.codec.DotLines;
import io.usync.nntp.codec.LfDotScanner;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.segmenter.buffer.ArticleBuffers;
import io.usync.segmenter.yenc.NativeLfDot;
import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import io.usync.segmenter.yenc.YencPart;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadCommandTest {

    private static final int PART = 4000;

    @TempDir
    Path dir;

    private FakeNntpServer server;
    private Path config;

    @BeforeEach
    void start() throws IOException {
        server = FakeNntpServer.start();
        config = dir.resolve("config.yaml");
        Files.writeString(config, "servers:\n  - name: fake\n    host: 127.0.0.1\n    port: " + server.port()
                + "\n    tls: none\n    connections: 2\n    roles: [read]\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Posts {@code data} as plain yEnc parts on the fake server and writes an NZB for it. */
    private Path postWithNzb(String name, byte[] data) throws IOException {
        YencEncoder yenc = new YencEncoder(YencEncoderOptions.defaults());
        int parts = (data.length + PART - 1) / PART;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">"
                + "<file poster=\"p\" date=\"1\" subject=\"&quot;" + name + "&quot; yEnc (1/" + parts + ")\">"
                + "<groups><group>alt.binaries.test</group></groups><segments>");
        for (int p = 0; p < parts; p++) {
            int offset = p * PART;
            int length = Math.min(PART, data.length - offset);
            YencPart part = YencPart.of(name, p + 1, parts, data.length, offset, length);
            ByteBuffer out = ByteBuffer.allocate((int) yenc.maxEncodedSize(part));
            yenc.encode(part, ByteBuffer.wrap(data, offset, length), out);
            String id = "p" + p + "." + name + "@cli.test";
            server.putArticle("<" + id + ">", Arrays.copyOf(out.array(), out.position()));
            xml.append("<segment bytes=\"").append(PART + 200).append("\" number=\"").append(p + 1).append("\">")
                    .append(id).append("</segment>");
        }
        Path nzb = dir.resolve(name + ".nzb");
        Files.writeString(nzb, xml.append("</segments></file></nzb>").toString());
        return nzb;
    }

    private CliRun usync(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(Map.of("HOME", dir.toString()), all);
    }

    @Test
    void aDownloadsConnectionsReadIntoRecycledBuffersWithAnEventLoopEach() {
        NntpServerOptions server = NntpServerOptions.defaults("a", "127.0.0.1", 119)
                .withPool(NntpPoolOptions.defaults().withMaxConnections(6));
        NntpClusterOptions options = DownloadCommand.clusterOptions(List.of(server));
        assertThat(options.allocator()).isInstanceOf(ArticleBuffers.class);
        assertThat(options.ioThreads()).isEqualTo(6);
    }

    @Test
    void aDownloadSearchesRepliesForLineLeadingDotsWithLibusyncYencWhereItLoaded() {
        LfDotScanner scanner = DownloadCommand.clusterOptions(List.of(NntpServerOptions.defaults("a", "127.0.0.1", 119)))
                .codec().lfDotScanner();
        assertThat(scanner == DotLines.SWAR).isEqualTo(!NativeLfDot.available());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment reply = arena.allocate(300).fill((byte) 'y');
            reply.set(ValueLayout.JAVA_BYTE, 200, (byte) '\n');
            reply.set(ValueLayout.JAVA_BYTE, 201, (byte) '.');
            assertThat(scanner.indexOfLfDot(reply.address(), 0, 300)).isEqualTo(200);
            assertThat(scanner.indexOfLfDot(reply.address(), 0, 201)).isEqualTo(-1);
        }
    }

    @Test
    void downloadsAnNzbAndReportsCompleteWithExitZero() throws IOException {
        byte[] data = new byte[3 * PART + 11];
        new Random(1).nextBytes(data);
        Path nzb = postWithNzb("data.bin", data);
        Path out = dir.resolve("out");
        CliRun run = usync("download", nzb.toString(), "-o", out.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("download complete: 1 files written");
        assertThat(Files.readAllBytes(out.resolve("data.bin"))).isEqualTo(data);
    }

    @Test
    void aMissingArticleIsAnIncompleteDownloadNamingTheFile() throws IOException {
        byte[] data = new byte[2 * PART];
        new Random(2).nextBytes(data);
        Path nzb = postWithNzb("holey.bin", data);
        server.faults().missing("<p1.holey.bin@cli.test>");
        CliRun run = usync("-q", "download", nzb.toString(), "-o", dir.resolve("out").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.INCOMPLETE.code());
        assertThat(run.out()).contains("missing: holey.bin (1 segments missing");
        assertThat(run.err()).contains("run the same command again");
    }

    @Test
    void aDamagedShareIdIsAUsageErrorInOneLine() {
        CliRun run = usync("download", "usync1-notavalidid", "-o", dir.resolve("out").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err().strip()).startsWith("usync: ").doesNotContain("\n");
    }

    @Test
    void somethingThatIsNeitherAShareIdNorAFileIsAUsageError() {
        CliRun run = usync("download", dir.resolve("nope.nzb").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("neither a usync1-... share id nor an NZB file");
    }

    @Test
    void verifyRejectsADamagedShareIdAsAUsageErrorLikeDownload() {
        CliRun run = usync("verify", "usync1-zzzz");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(usync("download", "usync1-zzzz").exit()).isEqualTo(ExitCode.USAGE.code());
    }

    @Test
    void aShareThatIsNotOnTheServerFailsWithAOneLineReason() {
        String id = new io.usync.core.ShareId.Public(io.usync.core.ShareLocator.random(new java.security.SecureRandom()),
                io.usync.core.crypto.RootKey.generate(new java.security.SecureRandom())).asText();
        CliRun run = usync("-q", "download", id, "-o", dir.resolve("out").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.DATA.code());
        assertThat(run.err()).contains("not found on any read server").doesNotContain("report it");
        CliRun verify = usync("-q", "verify", id);
        assertThat(verify.exit()).isEqualTo(ExitCode.DATA.code());
        assertThat(verify.err().strip()).contains("not found on any read server").doesNotContain("\n");
    }

    @Test
    void aFailedDownloadGivesTheExitCodeOfItsKindOfFailure() {
        assertThat(FailureReport.exitCode(DownloadFailure.Kind.SERVER_LOGIN)).isEqualTo(ExitCode.AUTH);
        assertThat(FailureReport.exitCode(DownloadFailure.Kind.WRONG_KEY)).isEqualTo(ExitCode.AUTH);
        assertThat(FailureReport.exitCode(DownloadFailure.Kind.SERVER_TLS)).isEqualTo(ExitCode.TLS);
        assertThat(FailureReport.exitCode(DownloadFailure.Kind.SERVER_LIMIT)).isEqualTo(ExitCode.LIMIT);
        assertThat(FailureReport.exitCode(DownloadFailure.Kind.NETWORK)).isEqualTo(ExitCode.NETWORK);
        assertThat(FailureReport.exitCode(DownloadFailure.Kind.TAMPERED_MANIFEST)).isEqualTo(ExitCode.DATA);
        assertThat(FailureReport.exitCode(DownloadFailure.Kind.BAD_INPUT)).isEqualTo(ExitCode.DATA);
        assertThat(FailureReport.exitCode(DownloadFailure.Kind.SHARE_NOT_FOUND)).isEqualTo(ExitCode.DATA);
        assertThat(FailureReport.exitCode(DownloadFailure.Kind.NOT_ENOUGH_SPACE)).isEqualTo(ExitCode.DATA);
        assertThat(FailureReport.exitCode(DownloadFailure.Kind.OUTPUT)).isEqualTo(ExitCode.DATA);
        for (DownloadFailure.Kind kind : DownloadFailure.Kind.values()) {
            assertThat(FailureReport.exitCode(kind)).as("%s", kind).isNotEqualTo(ExitCode.FAILED);
        }
        assertThat(FailureReport.exitCode(DownloadFailure.Kind.INTERRUPTED)).isEqualTo(ExitCode.INTERRUPTED);
    }

    @Test
    void aFailedReportPrintsOneLineAndTheExitCodeOfItsKind() {
        // The reason's wording no longer matters: a TLS-sounding text of a login refusal still exits AUTH.
        var report = DownloadReport.failed(new DownloadFailure(DownloadFailure.Kind.SERVER_LOGIN,
                "inn said something about TLS with localhost"), new io.usync.download.DownloadCounts(0, 0, 0, 0, 0, 0),
                java.time.Duration.ZERO);
        java.io.StringWriter err = new java.io.StringWriter();
        ExitCode code = DownloadCommand.printReport(report, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err));
        assertThat(code).isEqualTo(ExitCode.AUTH);
        assertThat(err.toString().strip()).startsWith("usync: ").doesNotContain("\n");
    }

    @Test
    void aWrongPasswordFailsTheShareDownloadWithTheAuthExitCodeAndThePasswordNowhere() throws IOException {
        server.faults().requireAuth("usync", "the-right-one");
        Files.writeString(config, Files.readString(config).replace("    tls: none\n",
                "    tls: none\n    username: usync\n    password: env:CLI_TEST_PASSWORD\n"));
        String id = new io.usync.core.ShareId.Public(io.usync.core.ShareLocator.random(new java.security.SecureRandom()),
                io.usync.core.crypto.RootKey.generate(new java.security.SecureRandom())).asText();
        CliRun run = CliRun.run(Map.of("HOME", dir.toString(), "CLI_TEST_PASSWORD", "wr0ng-secret"), "--config",
                config.toString(), "-q", "download", id, "-o", dir.resolve("out").toString());
        assertThat(run.exit()).as("%s / %s", run.out(), run.err()).isEqualTo(ExitCode.AUTH.code());
        assertThat(run.out() + run.err()).doesNotContain("wr0ng-secret");
    }

    @Test
    void anOutputFolderThatCannotBeCreatedIsTheDataExitCodeWithoutReportIt() throws IOException {
        byte[] data = new byte[PART];
        new Random(3).nextBytes(data);
        Path nzb = postWithNzb("out.bin", data);
        Path notAFolder = Files.writeString(dir.resolve("file.txt"), "x");
        CliRun run = usync("-q", "download", nzb.toString(), "-o", notAFolder.resolve("sub").toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.DATA.code());
        assertThat(run.err().strip()).startsWith("usync: ").doesNotContain("report it").doesNotContain("\n");
    }

    @Test
    void theConfiguredDownloadRetriesBoundTheRetriesOfAnArticleAfterAFault() {
        var settings = new io.usync.config.DownloadSettings(16, 100, 7, java.time.Duration.ofSeconds(15),
                java.time.Duration.ofSeconds(60));
        var options = DownloadCommand.downloadOptions(settings);
        assertThat(options.faultRetries()).isEqualTo(7);
        assertThat(options.inFlightArticles()).isEqualTo(100);
        var none = new io.usync.config.DownloadSettings(16, 100, 0, java.time.Duration.ofSeconds(15),
                java.time.Duration.ofSeconds(60));
        assertThat(DownloadCommand.downloadOptions(none).faultRetries()).isZero();
    }

    @Test
    void aProtectedOrPrivateShareIdWithoutItsCredentialIsAUsageErrorNamingTheOptionForDownloadAndVerify() {
        var random = new java.security.SecureRandom();
        var locator = io.usync.core.ShareLocator.random(random);
        String protectedId = new io.usync.core.ShareId.Protected(locator,
                io.usync.core.crypto.KdfParameters.of(new byte[16], 64, 1, 1)).asText();
        String privateId = new io.usync.core.ShareId.Private(io.usync.core.ShareLocator.random(random)).asText();
        for (String command : new String[] {"download", "verify"}) {
            CliRun withoutPassword = usync("-q", command, protectedId, "-o", dir.resolve("out").toString());
            if (command.equals("verify")) {
                withoutPassword = usync("-q", command, protectedId);
            }
            assertThat(withoutPassword.exit()).as(withoutPassword.err()).isEqualTo(ExitCode.USAGE.code());
            assertThat(withoutPassword.err().strip()).startsWith("usync: ").contains("--password-file")
                    .doesNotContain("\n");
            CliRun withoutKey = command.equals("verify") ? usync("-q", command, privateId)
                    : usync("-q", command, privateId, "-o", dir.resolve("out").toString());
            assertThat(withoutKey.exit()).as(withoutKey.err()).isEqualTo(ExitCode.USAGE.code());
            assertThat(withoutKey.err().strip()).startsWith("usync: ").contains("--identity").doesNotContain("\n");
        }
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
