package io.usync.cli;

import java.io.PrintStream;

/** Entry point of the {@code usync} command. */
public final class Main {

    private Main() {
    }

    /** Runs usync with the process's streams and exits with its {@link ExitCode}. */
    public static void main(String... args) {
        int status = run(System.out, System.err, args);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** Runs usync against the given streams and returns the exit status (testable; never exits). */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return UsyncCommandLine.create(out, err).execute(args);
    }
}
