package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code bin/usync} of the built distribution and its AOT cache: recorded on the first
 * successful run of a kind, assembled in the background, mapped after, replaced when the jars change.
 * Runs a trivial command ({@code --version}, a "short" command) so that each run takes a fraction of
 * a second and each assembly a few.
 */
class LauncherAotCacheIT {

    /** The JVM's own report that it mapped a cache (printed with -Xlog:aot=info). */
    private static final String OPENED = "Opened AOT cache";

    /** Options that make the JVM say whether it maps the cache (a run with options never records). */
    private static final Map<String, String> SHOW_AOT = Map.of("USYNC_JAVA_OPTS", "-Xlog:aot=info -XX:+DisplayVMOutput");

    @Test
    void recordsOnTheFirstSuccessfulRunAndMapsTheAssembledCacheAfter(@TempDir Path dir) throws IOException {
        Launcher usync = Launcher.install(dir);

        Launcher.Result first = usync.run("--version");

        assertThat(first.exit()).isZero();
        assertThat(first.out()).startsWith("usync ");
        assertThat(first.err()).isEmpty();
        List<String> files = usync.settledAotFiles();
        assertThat(files).singleElement().asString().matches("usync-[0-9]+-short\\.[0-9]+\\.aot");

        Launcher.Result second = usync.run(SHOW_AOT, "--version");

        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains(OPENED, "usync ");
        assertThat(second.out()).doesNotContain("error", "warning");
        assertThat(usync.aotFiles()).isEqualTo(files);
    }

    @Test
    void aFailedRunLeavesNoRecordingBehindAndTheNextSuccessfulRunRecords(@TempDir Path dir) throws IOException {
        Launcher usync = Launcher.install(dir);

        Launcher.Result failed = usync.run("--no-such-option");

        assertThat(failed.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(failed.err()).contains("usync: ");
        assertThat(usync.settledAotFiles()).isEmpty();

        assertThat(usync.run("--version").exit()).isZero();
        assertThat(usync.settledAotFiles()).singleElement().asString().endsWith(".aot");
    }

    @Test
    void aChangedJarSetRecordsAgainAndDeletesTheOldCache(@TempDir Path dir) throws IOException {
        Launcher usync = Launcher.install(dir);
        assertThat(usync.run("--version").exit()).isZero();
        List<String> old = usync.settledAotFiles();
        assertThat(old).hasSize(1);

        addEmptyJar(usync.home().resolve("lib/zz-extra.jar"));
        assertThat(usync.run(SHOW_AOT, "--version").out()).as("the old key's cache no longer matches")
                .doesNotContain(OPENED);
        Launcher.Result recording = usync.run("--version");

        assertThat(recording.exit()).isZero();
        List<String> current = usync.settledAotFiles();
        assertThat(current).hasSize(1).doesNotContainAnyElementsOf(old);
        assertThat(usync.run(SHOW_AOT, "--version").out()).contains(OPENED);
    }

    @Test
    void runsWithoutACacheWhenTurnedOffOrWhenItsFolderCannotBeMade(@TempDir Path dir) throws IOException {
        Launcher usync = Launcher.install(dir);

        Launcher.Result off = usync.run(Map.of("USYNC_CDS", "0"), "--version");
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "not a folder");
        Launcher.Result unusable = usync.run(Map.of("XDG_CACHE_HOME", notAFolder.toString()), "--version");

        assertThat(off.exit()).isZero();
        assertThat(off.out()).startsWith("usync ");
        assertThat(unusable.exit()).isZero();
        assertThat(unusable.out()).startsWith("usync ");
        assertThat(unusable.err()).isEmpty();
        assertThat(usync.aotFiles()).isEmpty();
    }

    @Test
    void aRunWithExtraJavaOptionsNeverRecords(@TempDir Path dir) throws IOException {
        Launcher usync = Launcher.install(dir);

        Launcher.Result run = usync.run(Map.of("USYNC_JAVA_OPTS", "-Xmx256m"), "--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("usync ");
        assertThat(usync.settledAotFiles()).isEmpty();
    }

    @Test
    void theExitStatusOfEveryKindOfRunIsJavas(@TempDir Path dir) throws IOException {
        Launcher usync = Launcher.install(dir);

        assertThat(usync.run("--no-such-option").exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(usync.run("upload", dir.resolve("missing").toString()).exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(usync.run(Map.of("USYNC_CDS", "0"), "--no-such-option").exit()).isEqualTo(ExitCode.USAGE.code());
        usync.settledAotFiles();
    }

    @Test
    void theLauncherBecomesJavaSoASignalReachesUsyncAlsoOnTheRecordingRun(@TempDir Path dir) throws Exception {
        Launcher usync = Launcher.install(dir);
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path fifo = dir.resolve("password-fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        // Reading the password from a FIFO nobody writes blocks this upload (a recording run) until the signal.
        Process running = usync.start("upload", folder.toString(), "--share", "protected", "--password-file",
                fifo.toString());
        assertThat(usync.awaitJava(running)).as("the launcher's pid becomes java's (exec)").isTrue();
        Thread.sleep(1000); // past the JVM's start, into the blocked read
        running.destroy();

        assertThat(running.waitFor(Launcher.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(running.exitValue()).isEqualTo(128 + 15);
        assertThat(usync.settledAotFiles()).as("a killed run's recording is dropped").isEmpty();
    }

    private static void addEmptyJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // A valid jar with nothing but its manifest: the class path changes, nothing else.
        }
    }
}
