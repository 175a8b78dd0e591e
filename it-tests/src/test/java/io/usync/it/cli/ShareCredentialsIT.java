package io.usync.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.cli.ExitCode;
import io.usync.index.testing.TestDatabase;
import io.usync.it.support.CliEnvironment;
import io.usync.it.support.CliRun;
import io.usync.it.support.SourceTree;
import io.usync.nntp.testing.InnServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code usync download} of a private and a protected share on INN2 with the wrong credentials or
 * none: the documented exit code, one line on standard error that says what to do (no stack trace,
 * no secret), and nothing written; the right credentials then download the tree.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShareCredentialsIT {

    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perClass();

    private Path dir;
    private CliEnvironment env;
    private Path source;
    private Path alice;
    private Path mallory;
    private Path password;
    private Path wrongPassword;
    private String privateId;
    private String protectedId;

    @BeforeAll
    void uploadAPrivateAndAProtectedShare(@TempDir Path folder) throws IOException {
        dir = folder;
        InnServer inn = InnServer.require();
        env = CliEnvironment.create(dir.resolve("home"), inn.host(), inn.port(), inn.group(), DB, DB.jdbcUrl(), "");
        source = SourceTree.write(dir.resolve("src"), 17, 3, 30_000);
        alice = dir.resolve("alice.key");
        mallory = dir.resolve("mallory.key");
        String alicePublic = generateKey(alice);
        generateKey(mallory);
        password = Files.writeString(dir.resolve("password.txt"), PASSWORD + "\n");
        wrongPassword = Files.writeString(dir.resolve("wrong.txt"), "Tr0ub4dor&3\n");
        privateId = upload("--share", "private", "--recipient", alicePublic, source.toString());
        Path copy = dir.resolve("src-protected");
        SourceTree.write(copy, 18, 3, 30_000);
        protectedId = upload("--share", "protected", "--password-file", password.toString(), copy.toString());
    }

    private CliRun.Result usync(String... args) {
        return CliRun.run(env.variables(), args);
    }

    private String generateKey(Path file) {
        CliRun.Result run = usync("keys", "generate", "-o", file.toString());
        assertThat(run.exit()).as("%s", run).isZero();
        return run.out().strip();
    }

    private String upload(String... args) {
        String[] all = Stream.concat(Stream.of("upload"), Stream.of(args)).toArray(String[]::new);
        CliRun.Result run = usync(all);
        assertThat(run.exit()).as("%s", run).isZero();
        return run.out().lines().filter(l -> l.startsWith("usync1-")).findFirst()
                .orElseThrow(() -> new AssertionError("no share id in " + run));
    }

    /**
     * Downloads with {@code -q} into a fresh folder and checks the refusal: {@code code}, exactly one
     * line on standard error holding {@code hint}, no secret printed, no file written.
     */
    private void assertRefused(String shareId, ExitCode code, String hint, String... credentials) throws IOException {
        Path out = dir.resolve("out-" + System.nanoTime());
        String[] args = Stream.concat(Stream.of("-q", "download", shareId, "-o", out.toString()), Stream.of(credentials))
                .toArray(String[]::new);
        CliRun.Result run = usync(args);
        assertThat(run.exit()).as("%s", run).isEqualTo(code.code());
        List<String> lines = run.err().lines().toList();
        assertThat(lines).as("one line on standard error: %s", run).hasSize(1);
        assertThat(lines.getFirst()).as("%s", run).startsWith("usync: ").contains(hint);
        assertThat(run.everything()).as("%s", run).doesNotContain("Exception", "\tat ", PASSWORD, "Tr0ub4dor");
        if (Files.exists(out)) {
            try (Stream<Path> written = Files.walk(out)) {
                assertThat(written.filter(Files::isRegularFile)).as("files written by a refused download").isEmpty();
            }
        }
    }

    @Test
    void aPrivateShareWithAnotherKeyExitsAuthInOneLineAndWritesNothing() throws IOException {
        assertRefused(privateId, ExitCode.AUTH, "--identity", "--identity", mallory.toString());
    }

    @Test
    void aPrivateShareWithoutAKeyIsAUsageErrorInOneLine() throws IOException {
        assertRefused(privateId, ExitCode.USAGE, "--identity");
    }

    @Test
    void aProtectedShareWithAWrongPasswordExitsAuthInOneLineAndWritesNothing() throws IOException {
        assertRefused(protectedId, ExitCode.AUTH, "--password-file", "--password-file", wrongPassword.toString());
    }

    @Test
    void aProtectedShareWithoutAPasswordIsAUsageErrorInOneLine() throws IOException {
        assertRefused(protectedId, ExitCode.USAGE, "--password-file");
    }

    @Test
    void theRightKeyAndPasswordDownloadByteForByte() {
        Path privateOut = dir.resolve("private-out");
        CliRun.Result run = usync("-q", "download", privateId, "-o", privateOut.toString(), "--identity", alice.toString());
        assertThat(run.exit()).as("%s", run).isZero();
        SourceTree.assertSameTree(source, privateOut);
        Path protectedOut = dir.resolve("protected-out");
        CliRun.Result protectedRun = usync("-q", "download", protectedId, "-o", protectedOut.toString(),
                "--password-file", password.toString());
        assertThat(protectedRun.exit()).as("%s", protectedRun).isZero();
        SourceTree.assertSameTree(dir.resolve("src-protected"), protectedOut);
    }
}
