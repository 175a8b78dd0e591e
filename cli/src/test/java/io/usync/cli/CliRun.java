package io.usync.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One run of the usync command line in-process: exit status and what it printed. */
record CliRun(int exit, String out, String err) {

    /** Runs usync with this environment and arguments. */
    static CliRun run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int exit = UsyncCommandLine.create(o, e, environment, args).execute(args);
            return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Runs usync with an empty environment (no XDG variables, no secrets). */
    static CliRun run(String... args) {
        return run(Map.of("HOME", "/nonexistent-usync-test-home"), args);
    }
}
