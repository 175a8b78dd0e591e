package io.usync.cli;

import io.usync.config.ConfigException;
import io.usync.nntp.NntpAuthException;
import io.usync.nntp.NntpConnectException;
import io.usync.nntp.NntpException;
import io.usync.nntp.NntpTlsException;
import java.io.PrintWriter;

/** Turns a fault into the one line a person sees and the exit code the process ends with. */
public record FailureReport(ExitCode exitCode, String message) {

    /** Validates that both parts are present. */
    public FailureReport {
        if (exitCode == null || message == null || message.isBlank()) {
            throw new IllegalArgumentException("exit code and message are required");
        }
    }

    /**
     * Classifies a fault: cli faults keep their code, configuration faults are CONFIG, NNTP faults
     * NETWORK, TLS, AUTH or LIMIT, interrupts INTERRUPTED, the rest FAILED.
     */
    public static FailureReport of(Throwable fault) {
        Throwable cause = fault;
        while (cause != null) {
            if (cause instanceof CliException cli) {
                return new FailureReport(cli.exitCode(), cli.getMessage());
            }
            if (cause instanceof ConfigException config) {
                return new FailureReport(ExitCode.CONFIG, config.getMessage());
            }
            if (cause instanceof NntpException nntp) {
                return new FailureReport(nntpCode(nntp), nntp.getMessage());
            }
            if (cause instanceof InterruptedException) {
                return new FailureReport(ExitCode.INTERRUPTED, "interrupted");
            }
            cause = cause.getCause();
        }
        String text = fault.getMessage() == null ? fault.getClass().getSimpleName() : fault.getMessage();
        return new FailureReport(ExitCode.FAILED,
                text + " (unexpected; rerun with --verbose for details and report it)");
    }

    private static ExitCode nntpCode(NntpException fault) {
        if (fault instanceof NntpAuthException) {
            return ExitCode.AUTH;
        }
        if (fault instanceof NntpTlsException) {
            return ExitCode.TLS;
        }
        if (fault instanceof NntpConnectException connect && connect.tooManyConnections()) {
            return ExitCode.LIMIT;
        }
        return ExitCode.NETWORK;
    }

    /** Prints the line (and the stack trace when verbose) and returns the exit code. */
    public int print(PrintWriter err, boolean verbose, Throwable fault) {
        err.println("usync: " + message);
        if (verbose) {
            fault.printStackTrace(err);
        }
        err.flush();
        return exitCode.code();
    }
}
