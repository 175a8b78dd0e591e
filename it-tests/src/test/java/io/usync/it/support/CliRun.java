package io.usync.it.support;

import io.usync.cli.UsyncCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the {@code usync} command line in this JVM with an explicit environment and captures its
 * standard output, its standard error and everything logged to the process's {@code System.err}
 * meanwhile (where slf4j-simple writes), so a test can prove a secret appears in none of them.
 */
public final class CliRun {

    /** What one run printed and returned. */
    public record Result(int exit, String out, String err, String log) {

        /** Everything the run printed or logged. */
        public String everything() {
            return out + err + log;
        }

        /** For assertion messages. */
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err + "--- log\n" + log;
        }
    }

    private CliRun() {
    }

    /** Runs {@code usync args} with {@code environment} (HOME, XDG_* and secrets by name). */
    public static synchronized Result run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream previousErr = System.err;
        PrintStream previousOut = System.out;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = UsyncCommandLine.create(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), environment).execute(args);
        } finally {
            System.setErr(previousErr);
            System.setOut(previousOut);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                log.toString(StandardCharsets.UTF_8));
    }
}
