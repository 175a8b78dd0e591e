package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.ShareId;
import io.usync.core.ShareKind;
import io.usync.core.ShareLocator;
import io.usync.core.crypto.KdfParameters;
import io.usync.core.crypto.MessageIds;
import io.usync.core.crypto.PasswordKdf;
import io.usync.core.crypto.RootKey;
import io.usync.core.crypto.RootKeyWrap;
import io.usync.core.manifest.KeySlot;
import io.usync.core.manifest.ManifestAad;
import io.usync.core.manifest.ManifestHeader;
import io.usync.nntp.testing.FakeNntpServer;
import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import io.usync.segmenter.yenc.YencPart;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    @TempDir
    Path dir;

    private FakeNntpServer server;

    @BeforeEach
    void start() {
        server = FakeNntpServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path config(int port) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), "servers:\n  - name: fake\n    host: 127.0.0.1\n    port: "
                + port + "\n    tls: none\n    connections: 2\n    roles: [read]\n");
    }

    private CliRun usync(int port, String... args) throws IOException {
        String[] all = new String[args.length + 3];
        all[0] = "--config";
        all[1] = config(port).toString();
        all[2] = "-q";
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.run(Map.of("HOME", dir.toString()), all);
    }

    /** Puts the manifest header of a protected share (opened by {@code password}) on the server; returns its id. */
    private ShareId protectedShareOnTheServer(char[] password) {
        SecureRandom random = new SecureRandom();
        ShareLocator locator = ShareLocator.random(random);
        KdfParameters kdf = KdfParameters.of(new byte[16], 64, 1, 1);
        byte[] slot = RootKeyWrap.wrap(PasswordKdf.derive(password, kdf), RootKey.generate(random),
                ManifestAad.keySlot(locator), random);
        byte[] sealedDescriptor = new byte[80];
        random.nextBytes(sealedDescriptor);
        byte[] header = new ManifestHeader(ShareKind.PROTECTED, 1, List.of(new KeySlot(slot)), sealedDescriptor).encode();
        YencPart part = YencPart.of("h", 1, 1, header.length, 0, header.length);
        YencEncoder yenc = new YencEncoder(YencEncoderOptions.defaults());
        ByteBuffer body = ByteBuffer.allocate((int) yenc.maxEncodedSize(part));
        yenc.encode(part, ByteBuffer.wrap(header), body);
        server.putArticle(MessageIds.manifestHeader(locator, 1, MessageIds.DEFAULT_DOMAIN).withBrackets(),
                Arrays.copyOf(body.array(), body.position()));
        return new ShareId.Protected(locator, kdf);
    }

    @Test
    void aWrongPasswordIsTheAuthExitCodeInOneLine() throws IOException {
        ShareId id = protectedShareOnTheServer("the-right-one".toCharArray());
        Path wrong = Files.writeString(dir.resolve("pw"), "wr0ng-password\n");
        CliRun run = usync(server.port(), "verify", id.asText(), "--password-file", wrong.toString());
        assertThat(run.exit()).as("%s / %s", run.out(), run.err()).isEqualTo(ExitCode.AUTH.code());
        assertThat(run.err().strip()).startsWith("usync: the password does not open this share").doesNotContain("\n");
        assertThat(run.out() + run.err()).doesNotContain("wr0ng-password");
    }

    @Test
    void anUnreachableServerIsTheNetworkExitCode() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String id = new ShareId.Public(ShareLocator.random(new SecureRandom()), RootKey.generate(new SecureRandom()))
                .asText();
        CliRun run = usync(closed, "verify", id);
        assertThat(run.exit()).as("%s / %s", run.out(), run.err()).isEqualTo(ExitCode.NETWORK.code());
        assertThat(run.err().strip()).startsWith("usync: ").doesNotContain("\n");
    }

    @Test
    void aLoginRefusalIsTheAuthExitCode() throws IOException {
        server.faults().requireAuth("usync", "the-right-one");
        String id = new ShareId.Public(ShareLocator.random(new SecureRandom()), RootKey.generate(new SecureRandom()))
                .asText();
        CliRun run = usync(server.port(), "verify", id);
        assertThat(run.exit()).as("%s / %s", run.out(), run.err()).isEqualTo(ExitCode.AUTH.code());
    }

    private static ExitCode printed(long missingEverywhere, Map<String, Throwable> faults, java.io.StringWriter err) {
        var report = new io.usync.download.VerifyReport(1, 10, List.of(
                new io.usync.download.VerifyReport.ServerAvailability("a", 10 - missingEverywhere, missingEverywhere, 0),
                new io.usync.download.VerifyReport.ServerAvailability("b", 0, 10 - 3, 3)), missingEverywhere,
                java.time.Duration.ofSeconds(1));
        return VerifyCommand.print(report, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err), faults);
    }

    @Test
    void articlesMissingWhereAServerCouldNotBeAskedGiveThatFaultsExitCodeNotIncomplete() {
        java.io.StringWriter err = new java.io.StringWriter();
        var refused = new java.util.concurrent.CompletionException(
                new io.usync.nntp.NntpConnectException("cannot connect to b: Connection refused"));
        assertThat(printed(2, Map.of("b", refused), err)).isEqualTo(ExitCode.NETWORK);
        assertThat(err.toString().strip()).startsWith("usync: b could not be asked about 3 articles")
                .contains("Connection refused").doesNotContain("\n");
        assertThat(printed(2, Map.of("b", new io.usync.nntp.NntpAuthException("b rejected the login")),
                new java.io.StringWriter())).isEqualTo(ExitCode.AUTH);
    }

    @Test
    void articlesMissingEverywhereWithoutServerFaultsAreIncompleteAndNoneMissingIsOk() {
        java.io.StringWriter err = new java.io.StringWriter();
        assertThat(printed(2, Map.of(), err)).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(printed(0, Map.of("b", new io.usync.nntp.NntpConnectException("refused")), err))
                .isEqualTo(ExitCode.OK);
        assertThat(err.toString()).isEmpty();
    }
}
