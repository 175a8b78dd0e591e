package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options the launcher {@code bin/usync} chooses per command (its comments give the
 * measurements behind each): run against a stand-in JDK 25 whose {@code bin/java} prints its
 * arguments, one per line, instead of starting a JVM.
 */
class LauncherJitModesIT {

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final String GCM_HEAP = "-Dusync.crypto.gcmOpenThroughHeap=true";
    private static final String GCM_EARLY =
            "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.GaloisCounterMode*::implGCMCrypt,0.001";

    @TempDir
    private Path dir;
    private Launcher usync;
    private Map<String, String> echoJdk;

    @BeforeEach
    void installWithAnEchoingJdk() throws IOException {
        usync = Launcher.install(dir);
        Path jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"25.0.1\"\n");
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nprintf 'LC_ALL=%s\\nLC_CTYPE=%s\\n' \"$LC_ALL\" \"$LC_CTYPE\"\n"
                + "printf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        echoJdk = Map.of("JAVA_HOME", jdk.toString(), "USYNC_CDS", "0");
    }

    @Test
    void shortCommandsRunC1OnlyWithTheSerialCollector() {
        List<String> java = javaArguments("--version");

        assertThat(java).contains(C1_ONLY, "-XX:+UseSerialGC").doesNotContain(GCM_HEAP);
        assertThat(java.subList(java.indexOf("io.usync.cli.Main"), java.size()))
                .containsExactly("io.usync.cli.Main", "--version");
    }

    @Test
    void aShareUploadAndAShareDownloadRunC1OnlyWhereOpenSslAndTheNativeKernelsDoTheByteWork() {
        boolean native_ = nativeKernels(Set.of("aes", "sha_ni")) && Stream.of("/lib/x86_64-linux-gnu",
                "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64").anyMatch(d -> Files.exists(Path.of(d, "libcrypto.so.3")));
        for (String[] command : List.of(new String[] {"upload", "folder", "--share", "public"},
                new String[] {"download", "usync1-abcdef", "-o", "out"})) {
            List<String> java = javaArguments(command);

            assertThat(java.contains(C1_ONLY)).as(String.join(" ", command)).isEqualTo(native_);
            assertThat(java.containsAll(List.of(GCM_EARLY, GCM_HEAP))).as(String.join(" ", command)).isNotEqualTo(native_);
            assertThat(java.subList(java.indexOf("io.usync.cli.Main") + 1, java.size())).containsExactly(command);
        }
    }

    @Test
    void anNzbDeclaringLessThan256MibDownloadsC1OnlyAndOneOf8GibKeepsC2ForTheHotCode() throws IOException {
        Path small = nzb("small.nzb", 3, 716_800);
        Path large = nzb("large.nzb", 12_000, 716_800);

        assertThat(javaArguments("download", small.toString())).contains(C1_ONLY).doesNotContain(GCM_HEAP);
        assertThat(javaArguments("download", large.toString())).contains(GCM_EARLY).doesNotContain(C1_ONLY);
    }

    @Test
    void theLauncherFindsItsInstallThroughALinkToItOrToItsFolder() throws IOException {
        Path linkToScript = Files.createSymbolicLink(dir.resolve("usync-link"), usync.home().resolve("bin/usync"));
        Path linkToFolder = Files.createSymbolicLink(dir.resolve("bin-link"), usync.home().resolve("bin"));
        String classPath = usync.home().toRealPath().resolve("lib").toString();

        for (Path launcher : List.of(linkToScript, linkToFolder.resolve("usync"))) {
            Launcher.Result run = usync.runVia(launcher, echoJdk, "--version");
            assertThat(run.exit()).as(launcher + ": " + run.err()).isZero();
            List<String> java = List.of(run.out().split("\n"));
            assertThat(java.get(java.indexOf("-cp") + 1)).as(launcher.toString()).contains(classPath + "/");
        }
    }

    @Test
    void uploadsAndDownloadsAskForTransparentHugePagesExactlyWhereTheKernelGivesThemOnRequest() throws IOException {
        Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean onRequest = Files.isReadable(mode) && Files.readString(mode).contains("[madvise]");
        String thp = "-XX:+UseTransparentHugePages";

        assertThat(javaArguments("download", "usync1-abcdef", "-o", "out").contains(thp)).isEqualTo(onRequest);
        assertThat(javaArguments("download", nzb("small.nzb", 3, 716_800).toString()).contains(thp))
                .isEqualTo(onRequest);
        assertThat(javaArguments("upload", "folder", "--plain", "--nzb", "out.nzb").contains(thp)).isEqualTo(onRequest);
        assertThat(javaArguments("upload", "folder", "--share", "public").contains(thp)).isEqualTo(onRequest);
        assertThat(javaArguments("--version")).doesNotContain(thp);
    }

    @Test
    void aPlainUploadRunsC1OnlyExactlyWhereLibusyncYencDoesItsByteWork() {
        boolean native_ = nativeKernels(Set.of("sha_ni"));

        List<String> java = javaArguments("upload", "folder", "--plain", "--nzb", "out.nzb");

        assertThat(java.contains(C1_ONLY)).as("C1 only with native yEnc, CRC and SHA-256").isEqualTo(native_);
        assertThat(java.contains(GCM_EARLY)).isNotEqualTo(native_);
    }

    @Test
    void aShareDownloadAndAnNzbDownloadRecordAotCachesOfTheirOwn() throws IOException {
        Map<String, String> recording = Map.of("JAVA_HOME", echoJdk.get("JAVA_HOME"));

        String share = aotConfiguration(usync.run(recording, "download", "usync1-abcdef", "-o", "out"));
        String nzb = aotConfiguration(usync.run(recording, "download", nzb("small.nzb", 3, 716_800).toString()));
        String upload = aotConfiguration(usync.run(recording, "upload", "folder", "--plain", "--nzb", "out.nzb"));

        assertThat(share).matches("usync-[0-9]+-download-share(-c1)?\\.[0-9]+\\.[0-9]+\\.aotconf");
        assertThat(nzb).matches("usync-[0-9]+-download-nzb-c1\\.[0-9]+\\.[0-9]+\\.aotconf");
        assertThat(upload).matches("usync-[0-9]+-upload(-c1)?\\.[0-9]+\\.[0-9]+\\.aotconf");
    }

    /** The file name of the recording a run was told to make (the echoing JDK never makes it). */
    private static String aotConfiguration(Launcher.Result run) {
        assertThat(run.exit()).as(run.err()).isZero();
        String option = Stream.of(run.out().split("\n")).filter(a -> a.startsWith("-XX:AOTConfiguration="))
                .findFirst().orElseThrow(() -> new AssertionError("no recording asked for: " + run.out()));
        return Path.of(option.substring(option.indexOf('=') + 1)).getFileName().toString();
    }

    @Test
    void theJvmMapsFileNamesThroughUtf8WhateverTheLocale() {
        assertThat(javaArguments(Map.of("LC_ALL", "", "LC_CTYPE", "", "LANG", ""), "--version"))
                .as("POSIX locale").contains("LC_ALL=", "LC_CTYPE=C.UTF-8");
        assertThat(javaArguments(Map.of("LC_ALL", "", "LC_CTYPE", "", "LANG", "de_DE.ISO-8859-1"), "--version"))
                .as("another character set").contains("LC_ALL=", "LC_CTYPE=C.UTF-8");
        assertThat(javaArguments(Map.of("LC_ALL", "POSIX", "LC_CTYPE", "", "LANG", "en_US.UTF-8"), "--version"))
                .as("LC_ALL overrides").contains("LC_ALL=C.UTF-8");
        assertThat(javaArguments(Map.of("LC_ALL", "", "LC_CTYPE", "", "LANG", "en_US.UTF-8"), "--version"))
                .as("already UTF-8").contains("LC_ALL=", "LC_CTYPE=");
        assertThat(javaArguments(Map.of("LC_ALL", "", "LC_CTYPE", "sv_SE.utf8", "LANG", ""), "--version"))
                .as("utf8 spelling").contains("LC_ALL=", "LC_CTYPE=sv_SE.utf8");
    }

    private List<String> javaArguments(String... args) {
        return javaArguments(Map.of(), args);
    }

    private List<String> javaArguments(Map<String, String> locale, String... args) {
        Map<String, String> env = new java.util.HashMap<>(echoJdk);
        env.putAll(locale);
        Launcher.Result run = usync.run(env, args);
        assertThat(run.exit()).as(run.err()).isZero();
        return List.of(run.out().split("\n"));
    }

    private Path nzb(String name, int segments, int bytes) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<nzb><file subject=\"s\"><segments>\n");
        for (int i = 1; i <= segments; i++) {
            xml.append("<segment bytes=\"").append(bytes).append("\" number=\"").append(i).append("\">")
                    .append(i).append("@x</segment>\n");
        }
        Path file = dir.resolve(name);
        Files.writeString(file, xml.append("</segments></file></nzb>\n"));
        return file;
    }

    /** Whether this is x86-64 with libusync-yenc's CPU flags and {@code more}. */
    private static boolean nativeKernels(Set<String> more) {
        return System.getProperty("os.arch").equals("amd64") && cpuFlags().map(f -> f.containsAll(Set.of("avx2", "bmi2",
                "popcnt", "pclmulqdq", "vpclmulqdq")) && f.containsAll(more)).orElse(false);
    }

    private static Optional<Set<String>> cpuFlags() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                    .findFirst().map(l -> Set.copyOf(Arrays.asList(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
