package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.spi.SLF4JServiceProvider;

class MainTest {

    @Test
    void marksTheAotRecordingOnlyOfASuccessfulRun(@TempDir Path dir) {
        Path failed = dir.resolve("failed.ok");
        Path succeeded = dir.resolve("succeeded.ok");
        Main.markRecorded(ExitCode.USAGE.code(), failed.toString());
        Main.markRecorded(ExitCode.OK.code(), succeeded.toString());
        Main.markRecorded(ExitCode.OK.code(), null);
        assertThat(failed).doesNotExist();
        assertThat(succeeded).exists();
        Main.markRecorded(ExitCode.OK.code(), succeeded.toString());
        assertThat(succeeded).exists();
    }

    @Test
    void runReturnsExitCodeInsteadOfExiting() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "--version");
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usync ");
    }

    @Test
    void versionNamesTheProjectVersionAndJava() {
        CliRun run = CliRun.run("--version");
        assertThat(run.exit()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("usync ").contains("Java 25");
        assertThat(run.out()).doesNotContain("${project.version}");
    }

    @Test
    void helpListsEveryCommandAndTheGlobalOptions() {
        CliRun run = CliRun.run("--help");
        assertThat(run.exit()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("profiles", "upload", "download", "--config", "--profile", "--verbose",
                "--quiet", "--version", "Exit codes");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void helpListsEverySubcommandEvenWhenOneIsNamedAfterIt() {
        for (String[] args : new String[][] {{"--help"}, {"-h", "upload"}, {"--config", "c.yaml", "--help", "download"}}) {
            CliRun run = CliRun.run(args);
            assertThat(run.exit()).as(Arrays.toString(args)).isEqualTo(ExitCode.OK.code());
            assertThat(run.out()).as(Arrays.toString(args))
                    .contains("profiles", "upload", "download", "verify", "keys", "shares");
        }
    }

    @Test
    void theCommandLineHoldsOnlyTheSubcommandTheArgumentsName() {
        assertThat(UsyncCommandLine.named("--config", "c.yaml", "-vq", "upload", "dir")).contains(UploadCommand.class);
        assertThat(UsyncCommandLine.named("--profile", "upload", "download", "x.nzb")).contains(DownloadCommand.class);
        assertThat(UsyncCommandLine.named("--config=c.yaml", "shares", "list")).contains(SharesCommand.class);
        assertThat(UsyncCommandLine.named()).isEmpty();
        assertThat(UsyncCommandLine.named("uplaod", "dir")).isEmpty();
        assertThat(UsyncCommandLine.named("--", "upload")).isEmpty();
        assertThat(UsyncCommandLine.named("-V", "upload")).isEmpty();
        CliRun upload = CliRun.run("-q", "upload", "--help");
        assertThat(upload.exit()).isEqualTo(ExitCode.OK.code());
        assertThat(upload.out()).contains("Usage: usync upload").doesNotContain("usync download");
    }

    @Test
    void nettysAllocatorEventsAreOffUnlessTheJvmWasToldOtherwise() {
        withPropertiesRestored(() -> {
            System.clearProperty(Main.NETTY_JFR_PROPERTY);
            Main.defaultProperties(false);
            assertThat(System.getProperty(Main.NETTY_JFR_PROPERTY)).isEqualTo("false");
            System.setProperty(Main.NETTY_JFR_PROPERTY, "true");
            Main.defaultProperties(false);
            assertThat(System.getProperty(Main.NETTY_JFR_PROPERTY)).isEqualTo("true");
        }, Main.NETTY_JFR_PROPERTY);
    }

    @Test
    void slf4jIsToldItsProviderQuietlyUnlessTheJvmWasToldOtherwise() throws ClassNotFoundException {
        assertThat(SLF4JServiceProvider.class.isAssignableFrom(Class.forName(Main.SLF4J_PROVIDER)))
                .as("the provider named is on the class path and is one").isTrue();
        withPropertiesRestored(() -> {
            System.clearProperty(Main.SLF4J_PROVIDER_PROPERTY);
            System.clearProperty(Main.SLF4J_VERBOSITY_PROPERTY);
            Main.defaultProperties(false);
            assertThat(System.getProperty(Main.SLF4J_PROVIDER_PROPERTY)).isEqualTo(Main.SLF4J_PROVIDER);
            assertThat(System.getProperty(Main.SLF4J_VERBOSITY_PROPERTY)).isEqualTo("WARN");
            System.setProperty(Main.SLF4J_PROVIDER_PROPERTY, "org.example.Other");
            System.clearProperty(Main.SLF4J_VERBOSITY_PROPERTY);
            Main.defaultProperties(false);
            assertThat(System.getProperty(Main.SLF4J_PROVIDER_PROPERTY)).isEqualTo("org.example.Other");
            assertThat(System.getProperty(Main.SLF4J_VERBOSITY_PROPERTY)).as("a provider the JVM was told of is reported as slf4j does").isNull();
        }, Main.SLF4J_PROVIDER_PROPERTY, Main.SLF4J_VERBOSITY_PROPERTY);
    }

    /** Runs {@code body} and puts the system properties {@code keys} back as they were. */
    private static void withPropertiesRestored(Runnable body, String... keys) {
        Map<String, String> before = new HashMap<>();
        for (String key : keys) {
            before.put(key, System.getProperty(key));
        }
        try {
            body.run();
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    @Test
    void everyCommandPrintsItsOwnHelp() {
        for (String command : new String[] {"upload", "download", "verify", "profiles", "keys", "shares"}) {
            for (String flag : new String[] {"-h", "--help"}) {
                CliRun run = CliRun.run(command, flag);
                assertThat(run.exit()).as(command + " " + flag).isEqualTo(ExitCode.OK.code());
                assertThat(run.out()).as(command + " " + flag).contains("Usage: usync " + command);
                assertThat(run.err()).as(command + " " + flag).isEmpty();
            }
        }
    }

    @Test
    void unknownCommandIsSuggestedTheNearestOne() {
        CliRun run = CliRun.run("uplaod", "dir");
        assertThat(run.err()).contains("upload");
    }

    @Test
    void noCommandPrintsUsageToStandardErrorAndIsAUsageError() {
        CliRun run = CliRun.run();
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("Usage: usync");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownOptionIsAUsageErrorWithOneLineAndAHint() {
        CliRun run = CliRun.run("--frobnicate");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).startsWith("usync: Unknown option: '--frobnicate'").contains("--help");
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun run = CliRun.run("uplaod", "dir");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("uplaod");
    }

    @Test
    void unknownProfilesSubcommandIsAUsageError() {
        CliRun run = CliRun.run("profiles", "tset");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    }

    @Test
    void profilesWithoutSubcommandPrintsItsUsage() {
        CliRun run = CliRun.run("profiles");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("list", "test");
    }

    @Test
    void optionMissingItsValueIsAUsageError() {
        CliRun run = CliRun.run("profiles", "list", "--config");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("--config");
    }

    @Test
    void tooManyPositionalArgumentsIsAUsageError() {
        CliRun run = CliRun.run("profiles", "test", "a", "b");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    }

    @Test
    void exitCodesAreDistinctAndDocumented() {
        assertThat(Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code).distinct().count())
                .isEqualTo(ExitCode.values().length);
        assertThat(ExitCode.OK.code()).isZero();
        assertThat(ExitCode.values()).allSatisfy(c -> assertThat(c.meaning()).isNotBlank());
    }

    @Test
    void subcommandHelpExitsOk() {
        CliRun run = CliRun.run("profiles", "test", "--help");
        assertThat(run.exit()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("NAME");
    }

    @Test
    void verboseIsRecognisedBeforeParsingSoLibraryLoggingCanBeRaised() {
        assertThat(Main.verbose("-v", "profiles", "list")).isTrue();
        assertThat(Main.verbose("profiles", "test", "--verbose")).isTrue();
        assertThat(Main.verbose("-qv", "upload", "dir")).isTrue();
        assertThat(Main.verbose("upload", "--", "-v")).isFalse();
        assertThat(Main.verbose("upload", "--version", "dir")).isFalse();
        assertThat(Main.verbose("--verbosity")).isFalse();
    }
}
