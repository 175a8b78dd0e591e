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
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Another program a test drives (NZBGet, Nyuu): found by an environment variable or at its usual
 * paths, skipped with a visible reason when absent, except under {@code CI=true} where absence
 * fails (the convention of {@code InnServer}); runs with a time limit and its output in a file.
 *
 * @param executable the program's path
 */
public record ExternalProgram(Path executable) {

    /** Validates that the path is present. */
    public ExternalProgram {
        if (executable == null) {
            throw new IllegalArgumentException("executable is required");
        }
    }

    /** What one run printed (standard output and error together) and returned. */
    public record Outcome(int exit, String output) {

        /** For assertion messages. */
        @Override
        public String toString() {
            return "exit " + exit + "\n--- output\n" + output;
        }
    }

    /**
     * The program named by {@code variable} when that is set, else the first executable of
     * {@code candidates}; skips the test (fails it under {@code CI=true}) when there is none, saying
     * {@code install} (how to get it).
     */
    public static ExternalProgram require(String variable, List<Path> candidates, String install) {
        Optional<String> configured = Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank());
        List<Path> paths = configured.map(v -> List.of(Path.of(v))).orElse(candidates);
        for (Path path : paths) {
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return new ExternalProgram(path);
            }
        }
        String message = "interop program missing: none of " + paths + " is executable (" + variable
                + " names another path); " + install;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true and " + message);
        }
        System.out.println("SKIPPED: " + message);
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    /**
     * Runs the program with {@code arguments} in {@code workDir} with {@code environment} added,
     * no standard input, its output into {@code log}; kills it and fails after {@code seconds}.
     */
    public Outcome run(Path workDir, Map<String, String> environment, Path log, long seconds, List<String> arguments)
            throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(executable.getFileName() + " did not finish within " + seconds + " s\n"
                        + text(log));
            }
            return new Outcome(process.exitValue(), text(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A log's text, undecodable bytes replaced (programs print names in any encoding). */
    private static String text(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }
}
