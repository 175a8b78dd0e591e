package io.usync.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The {@code usync} CLI in a child JVM on the test classpath, with its own environment (temporary
 * XDG config and data folders, secrets by name), its output in files, and {@code kill -9}.
 */
public final class UsyncProcess implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    private UsyncProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code usync args} with {@code environment} added to a minimal one; output goes under {@code logs}. */
    public static UsyncProcess start(Path logs, Map<String, String> environment, String... args) {
        return start(logs, environment, List.of(), args);
    }

    /** Like {@link #start(Path, Map, String...)}, with {@code jvmOptions} (system properties) for the child JVM. */
    public static UsyncProcess start(Path logs, Map<String, String> environment, List<String> jvmOptions,
            String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.usync.cli.Main");
        command.addAll(List.of(args));
        try {
            Files.createDirectories(logs);
            long stamp = System.nanoTime();
            Path out = logs.resolve("usync-" + stamp + ".out");
            Path err = logs.resolve("usync-" + stamp + ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("USYNC_"));
            builder.environment().putAll(environment);
            return new UsyncProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code usync args} to completion (at most {@code timeoutSeconds}) and returns its exit code. */
    public static Finished run(Path logs, Map<String, String> environment, long timeoutSeconds, String... args)
            throws InterruptedException {
        return run(logs, environment, List.of(), timeoutSeconds, args);
    }

    /** Like {@link #run(Path, Map, long, String...)}, with {@code jvmOptions} (system properties) for the child JVM. */
    public static Finished run(Path logs, Map<String, String> environment, List<String> jvmOptions,
            long timeoutSeconds, String... args) throws InterruptedException {
        try (UsyncProcess p = start(logs, environment, jvmOptions, args)) {
            int exit = p.waitFor(timeoutSeconds);
            return new Finished(exit, p.out(), p.err());
        }
    }

    /** A finished run: exit code and output. */
    public record Finished(int exit, String out, String err) {

        /** For assertion messages. */
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** Waits until standard output or error has a line matching {@code pattern}; false when the process ended first or time ran out. */
    public boolean awaitLine(Pattern pattern, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (pattern.matcher(out()).find() || pattern.matcher(err()).find()) {
                return true;
            }
            if (!process.isAlive()) {
                return pattern.matcher(out()).find() || pattern.matcher(err()).find();
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Sends SIGKILL and waits for the process to be gone; true when it was still running. */
    public boolean kill9() throws InterruptedException {
        boolean alive = process.isAlive();
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return alive;
    }

    /** Waits for the exit code; kills the process and fails when it takes longer than {@code seconds}. */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("usync did not finish within " + seconds + " s\n--- out\n" + out() + "--- err\n" + err());
        }
        return process.exitValue();
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether it still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Standard output so far. */
    public String out() {
        return read(out);
    }

    /** Standard error so far. */
    public String err() {
        return read(err);
    }

    /** The last line of standard output that looks like a share id. */
    public Optional<String> shareId() {
        return out().lines().filter(l -> l.startsWith("usync1-")).reduce((a, b) -> b);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
