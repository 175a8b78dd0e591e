package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void aPasswordOtherThanTheProtectedSharesOwnIsAnAuthError() {
        var wrong = new io.usync.upload.UploadException.WrongPassword();
        assertThat(UploadCommand.failure(wrong).exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(UploadCommand.failure(wrong).getMessage()).isEqualTo(wrong.getMessage());
    }

    @Test
    void aPrivateShareVersionLeavingOutARecipientIsAnAuthError() {
        var removed = new io.usync.upload.UploadException.RemovedRecipient(List.of(
                io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom()).publicKey()));
        assertThat(UploadCommand.failure(removed).exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(UploadCommand.failure(removed).getMessage()).isEqualTo(removed.getMessage()).doesNotContain("\n");
    }

    @Test
    void plainWithAShareOptionIsAUsageErrorNamingTheConflictInsteadOfAnUnencryptedUpload() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "secret\n");
        Path nzb = dir.resolve("out.nzb");
        String key = io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom()).publicKey().asText();
        for (String[] extra : new String[][] {{"--share", "protected", "--password-file", password.toString()},
                {"--password-file", password.toString()}, {"--recipient", key}, {"--share", "public"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("upload", dir.toString(),
                    "--plain", "--nzb", nzb.toString()), java.util.Arrays.stream(extra)).toArray(String[]::new);
            CliRun run = CliRun.run(env(), args);
            assertThat(run.exit()).as("%s: %s", java.util.Arrays.toString(extra), run.err())
                    .isEqualTo(ExitCode.USAGE.code());
            assertThat(run.err().strip()).startsWith("usync: --plain posts unencrypted articles and conflicts with "
                    + extra[0]).doesNotContain("\n");
        }
    }

    @Test
    void aPasswordOrRecipientWithAPublicShareIsAUsageErrorInsteadOfAPublicShare() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "secret\n");
        String key = io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom()).publicKey().asText();
        CliRun withPassword = CliRun.run(env(), "upload", dir.toString(), "--share", "public", "--password-file",
                password.toString());
        assertThat(withPassword.exit()).as(withPassword.err()).isEqualTo(ExitCode.USAGE.code());
        assertThat(withPassword.err()).contains("--password-file conflicts").contains("--share protected");
        CliRun withRecipient = CliRun.run(env(), "upload", dir.toString(), "--share", "public", "--recipient", key);
        assertThat(withRecipient.exit()).as(withRecipient.err()).isEqualTo(ExitCode.USAGE.code());
        assertThat(withRecipient.err()).contains("--recipient conflicts").contains("--share private");
    }

    @Test
    void aPasswordAndARecipientTogetherAreAUsageErrorWhateverTheShareKind() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "secret\n");
        String key = io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom()).publicKey().asText();
        for (String[] kind : new String[][] {{}, {"--share", "protected"}, {"--share", "private"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("upload", dir.toString(),
                    "--password-file", password.toString(), "--recipient", key), java.util.Arrays.stream(kind))
                    .toArray(String[]::new);
            CliRun run = CliRun.run(env(), args);
            assertThat(run.exit()).as("%s: %s", java.util.Arrays.toString(kind), run.err())
                    .isEqualTo(ExitCode.USAGE.code());
            assertThat(run.err()).contains("conflict");
        }
    }

    @Test
    void aPasswordFileAloneMakesAProtectedShareAndARecipientAlonePrivate() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "secret\n");
        String key = io.usync.core.crypto.RecipientKeys.generate(new java.security.SecureRandom()).publicKey().asText();
        assertThat(spec("--password-file", password.toString()).mode())
                .isInstanceOf(io.usync.upload.ShareSpec.Mode.Protected.class);
        assertThat(spec("--recipient", key).mode()).isInstanceOf(io.usync.upload.ShareSpec.Mode.Private.class);
        assertThat(spec().mode()).isInstanceOf(io.usync.upload.ShareSpec.Mode.Public.class);
        assertThat(spec("--plain", "--nzb", "x.nzb").mode()).isInstanceOf(io.usync.upload.ShareSpec.Mode.Plain.class);
        assertThat(spec("--share", "PROTECTED", "--password-file", password.toString()).mode())
                .isInstanceOf(io.usync.upload.ShareSpec.Mode.Protected.class);
    }

    private static io.usync.upload.ShareSpec spec(String... args) {
        UploadShareOptions options = new UploadShareOptions();
        new picocli.CommandLine(options).parseArgs(args);
        return options.spec();
    }

    private static String printed(java.util.List<String> problems, io.usync.upload.UploadOutcome outcome, boolean verbose) {
        var report = new io.usync.upload.UploadReport(java.util.Optional.empty(), 1, 5, 5, 0, 0, 0,
                java.time.Duration.ofSeconds(1), outcome, problems);
        java.io.StringWriter err = new java.io.StringWriter();
        UploadCommand.printReport(report, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err), true, verbose);
        return err.toString();
    }

    private static java.util.List<String> skipped(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "skipped f" + i + ": UNREADABLE denied").toList();
    }

    @Test
    void manyProblemsPrintACountTheFirstTenAndHowManyMoreInsteadOfALineEach() {
        String err = printed(skipped(1000), io.usync.upload.UploadOutcome.COMPLETE, false);
        assertThat(err.lines()).hasSize(12);
        assertThat(err.lines().findFirst()).hasValue("usync: 1000 problems; the first 10:");
        assertThat(err).contains("skipped f9:").doesNotContain("skipped f10:")
                .contains("... and 990 more (--verbose lists all)");
    }

    @Test
    void theLastProblemOfAnUploadThatDidNotCompleteIsAlwaysPrinted() {
        java.util.List<String> problems = new java.util.ArrayList<>(skipped(50));
        problems.add("3 segments could not be posted and verified; nothing was published.");
        String err = printed(problems, io.usync.upload.UploadOutcome.PARTIAL, false);
        assertThat(err.lines()).hasSize(13).last().isEqualTo("usync: " + problems.getLast());
        assertThat(err).contains("... and 40 more");
    }

    @Test
    void fewProblemsOrVerboseListEveryProblemOnItsOwnLine() {
        assertThat(printed(skipped(11), io.usync.upload.UploadOutcome.COMPLETE, false).lines())
                .hasSize(11).allMatch(l -> l.startsWith("usync: skipped f"));
        assertThat(printed(skipped(1000), io.usync.upload.UploadOutcome.COMPLETE, true).lines()).hasSize(1000);
    }
}
