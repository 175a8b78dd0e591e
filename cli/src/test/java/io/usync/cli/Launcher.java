package io.usync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private copy of the built distribution ({@code target/usync}: the launcher and {@code etc/}
 * copied, the jars linked) run as a process with its own XDG folders, as a user would run it.
 */
final class Launcher {

    /** How long one run, or the background assembly of an AOT cache, may take on a loaded machine. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    private final Path home;
    private final Path cache;
    private final Path xdg;

    private Launcher(Path home, Path xdg) {
        this.home = home;
        this.xdg = xdg;
        this.cache = xdg.resolve("cache");
    }

    /** Copies the distribution built by this module's package phase into {@code dir}. */
    static Launcher install(Path dir) throws IOException {
        Path built = Path.of("target", "usync").toAbsolutePath();
        assertThat(built.resolve("bin/usync")).as("the distribution is built by 'package' before the ITs run")
                .isRegularFile();
        Path home = dir.resolve("usync");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.copy(built.resolve("bin/usync"), home.resolve("bin/usync"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(home.resolve("etc"));
        try (Stream<Path> etc = Files.list(built.resolve("etc")); Stream<Path> jars = Files.list(built.resolve("lib"))) {
            for (Path file : etc.toList()) {
                Files.copy(file, home.resolve("etc").resolve(file.getFileName()));
            }
            for (Path jar : jars.toList()) {
                Files.createSymbolicLink(home.resolve("lib").resolve(jar.getFileName()), jar);
            }
        }
        return new Launcher(home, dir.resolve("xdg"));
    }

    /** The distribution's folder (bin, etc, lib). */
    Path home() {
        return home;
    }

    /** The folder the launcher keeps its AOT caches in. */
    Path aotFolder() {
        return cache.resolve("usync").resolve("aot");
    }

    /** Runs {@code usync args} with the default environment and waits for it to exit. */
    Result run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs {@code usync args} with these extra environment variables and waits for it to exit. */
    Result run(Map<String, String> extraEnvironment, String... args) {
        return runVia(home.resolve("bin/usync"), extraEnvironment, args);
    }

    /** Like {@link #run(Map, String...)}, starting the launcher by another path (a symbolic link to it). */
    Result runVia(Path launcher, Map<String, String> extraEnvironment, String... args) {
        ProcessBuilder builder = builder(launcher, extraEnvironment, args);
        try {
            Path out = Files.createTempFile(xdg.getParent(), "out", ".txt");
            Path err = Files.createTempFile(xdg.getParent(), "err", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("usync " + String.join(" ", args) + " did not exit within " + PATIENCE);
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Starts {@code usync args} with the default environment, its output discarded. */
    Process start(String... args) throws IOException {
        return builder(home.resolve("bin/usync"), Map.of(), args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private ProcessBuilder builder(Path launcher, Map<String, String> extraEnvironment, String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.remove("USYNC_JAVA_OPTS");
        env.remove("USYNC_CDS");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("HOME", xdg.toString());
        env.put("XDG_CACHE_HOME", cache.toString());
        env.put("XDG_CONFIG_HOME", xdg.resolve("config").toString());
        env.put("XDG_DATA_HOME", xdg.resolve("data").toString());
        env.putAll(extraEnvironment);
        return builder;
    }

    /** Waits until the started launcher's process runs {@code bin/java}; false if it exits first or after {@link #PATIENCE}. */
    boolean awaitJava(Process process) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (process.info().command().filter(c -> c.endsWith("/bin/java")).isPresent()) {
                return true;
            }
            pause();
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The names of the files in the AOT folder (none when it does not exist). */
    List<String> aotFiles() {
        if (!Files.isDirectory(aotFolder())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(aotFolder())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until no recording is in flight (no {@code *.aotconf*}, no temporary cache) and returns the files. */
    List<String> settledAotFiles() {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<String> files = aotFiles();
            if (files.stream().noneMatch(f -> f.contains(".aotconf") || f.endsWith(".tmp"))) {
                return files;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the AOT recording was not assembled or removed within " + PATIENCE + ": "
                        + files);
            }
            pause();
        }
    }

    /** What one run printed and its exit status. */
    record Result(int exit, String out, String err) {
    }
}
