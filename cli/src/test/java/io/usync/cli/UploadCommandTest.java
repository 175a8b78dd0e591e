package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadCommandTest {

    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("HOME", dir.toString());
    }

    @Test
    void refusesSomethingThatIsNotAFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        CliRun run = CliRun.run(env(), "upload", file.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("is not a folder");
    }

    @Test
    void plainWithoutAnNzbPathSaysWhatToAdd() throws Exception {
        CliRun run = CliRun.run(env(), "upload", dir.toString(), "--plain");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("--nzb FILE");
    }

    @Test
    void aProtectedShareNeedsAPasswordFile() throws Exception {
        CliRun run = CliRun.run(env(), "upload", dir.toString(), "--share", "protected");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("--password-file");
    }

    @Test
    void aPrivateShareRejectsAMistypedRecipientKey() throws Exception {
        CliRun run = CliRun.run(env(), "upload", dir.toString(), "--share", "private", "--recipient", "usync-pub-nope");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).startsWith("usync: ");
    }

    @Test
    void anUnknownShareKindIsAUsageError() throws Exception {
        CliRun run = CliRun.run(env(), "upload", dir.toString(), "--share", "secret");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("public, protected or private");
    }

    @Test
    void aLoginRefusalIsAnAuthErrorAndATlsRefusalATlsError() {
        var auth = new io.usync.upload.UploadException.ServerRefused(
                new io.usync.nntp.NntpAuthException("s rejected the login of user u (481 no)"));
        var tls = new io.usync.upload.UploadException.ServerRefused(
                new io.usync.nntp.NntpTlsException("TLS with s failed (untrusted)"));
        assertThat(UploadCommand.failure(auth).exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(UploadCommand.failure(auth).getMessage()).contains("481").doesNotContain("\n");
        assertThat(UploadCommand.failure(tls).exitCode()).isEqualTo(ExitCode.TLS);
    }
}
