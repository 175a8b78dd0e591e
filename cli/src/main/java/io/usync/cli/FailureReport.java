package io.usync.cli;

import io.usync.config.ConfigException;
import io.usync.core.TerminalText;
import io.usync.download.DownloadException;
import io.usync.download.DownloadFailure;
import io.usync.nntp.NntpAuthException;
import io.usync.nntp.NntpConnectException;
import io.usync.nntp.NntpException;
import io.usync.nntp.NntpTlsException;
import io.usync.segmenter.SegmenterException;
import java.io.IOException;
import java.io.PrintWriter;

/** Turns a fault into the one line a person sees and the exit code the process ends with. */
public record FailureReport(ExitCode exitCode, String message) {

    /** Validates that both parts are present; control characters in the message become {@code ?}. */
    public FailureReport {
        if (exitCode == null || message == null || message.isBlank()) {
            throw new IllegalArgumentException("exit code and message are required");
        }
        message = TerminalText.printable(message);
    }

    /**
     * Classifies a fault: cli faults keep their code, configuration faults are CONFIG, download
     * faults the code of their kind ({@link #exitCode(DownloadFailure.Kind)}), an upload folder or
     * file that cannot be read DATA, NNTP faults NETWORK, TLS, AUTH or LIMIT, interrupts
     * INTERRUPTED, the rest FAILED ("unexpected; report it").
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
            if (cause instanceof DownloadException download) {
                return new FailureReport(exitCode(download.kind()), download.getMessage());
            }
            if (cause instanceof SegmenterException.ScanFailed
                    || cause instanceof SegmenterException.ReadFailed && cause.getCause() instanceof IOException) {
                return new FailureReport(ExitCode.DATA, cause.getMessage());
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

    /**
     * The exit code of a download or verify that failed for this kind of reason (the one mapping
     * both commands use): a refused login or a key that does not open the share is AUTH, and a
     * share that is not on any read server, input that cannot be used or output that cannot be
     * written (no space, write error) is DATA.
     */
    static ExitCode exitCode(DownloadFailure.Kind kind) {
        return switch (kind) {
            case SERVER_LOGIN, WRONG_KEY -> ExitCode.AUTH;
            case SERVER_TLS -> ExitCode.TLS;
            case SERVER_LIMIT -> ExitCode.LIMIT;
            case NETWORK -> ExitCode.NETWORK;
            case SHARE_NOT_FOUND, TAMPERED_MANIFEST, BAD_INPUT, NOT_ENOUGH_SPACE, OUTPUT -> ExitCode.DATA;
            case INTERRUPTED -> ExitCode.INTERRUPTED;
        };
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
