package io.usync.cli;

/**
 * The process exit codes of {@code usync}, one per kind of outcome, so scripts can react without
 * parsing messages (the README lists the same table).
 */
public enum ExitCode {
    /** Everything asked for was done. */
    OK(0, "success"),
    /** An unexpected fault; the message says what failed, {@code --verbose} shows the stack trace. */
    FAILED(1, "unexpected failure"),
    /** The command line is wrong: unknown option, missing argument, bad value, mistyped share id. */
    USAGE(2, "command-line usage error"),
    /** The configuration file is missing, unreadable or invalid, or names no usable profile. */
    CONFIG(3, "configuration error"),
    /** A server could not be reached: name not resolved, connection refused, timed out or lost. */
    NETWORK(4, "network error"),
    /** The TLS handshake failed or the server's certificate was not trusted. */
    TLS(5, "TLS error"),
    /**
     * The server refused the login (AUTHINFO) or demanded one that is not configured, or the
     * password or private key given does not open the share.
     */
    AUTH(6, "authentication error"),
    /** The server refused service because of a limit: too many connections, rate or quota. */
    LIMIT(7, "server limit reached"),
    /** An upload finished but some articles were not confirmed on any server. */
    PARTIAL(8, "partial upload"),
    /** A download finished but some files are missing or failed verification. */
    INCOMPLETE(9, "incomplete download"),
    /** The local index database could not be opened or used. */
    INDEX(10, "index database error"),
    /**
     * Data is unusable: an unreadable folder or file to upload, a malformed NZB, a corrupt manifest
     * or a share no read server has, or download output that cannot be written (no space, write
     * error).
     */
    DATA(11, "invalid input data"),
    /** The run was interrupted (Ctrl-C); work done so far is kept where the command allows. */
    INTERRUPTED(130, "interrupted");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The numeric process exit status. */
    public int code() {
        return code;
    }

    /** A few words saying what the code means (used in help and the README). */
    public String meaning() {
        return meaning;
    }
}
