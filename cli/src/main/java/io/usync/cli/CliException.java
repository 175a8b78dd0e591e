package io.usync.cli;

import java.util.Objects;

/**
 * A fault the cli reports as one line and an {@link ExitCode}; the message says what happened and
 * what to do, and never holds a secret.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    /** Creates the fault with its exit code and one-line message. */
    public CliException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    /** Creates the fault with its exit code, one-line message and cause (shown with --verbose). */
    public CliException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    /** The exit code the process ends with. */
    public ExitCode exitCode() {
        return exitCode;
    }
}
