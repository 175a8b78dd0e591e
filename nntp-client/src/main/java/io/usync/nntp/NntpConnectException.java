package io.usync.nntp;

/** The server could not be reached or refused the session (connect failure, greeting 400/502). */
public final class NntpConnectException extends NntpException {

    private static final long serialVersionUID = 1L;

    private final boolean tooManyConnections;

    /** Creates the fault with a one-line message. */
    public NntpConnectException(String message) {
        this(message, null, false);
    }

    /** Creates the fault; {@code tooManyConnections} marks a server that refused for its connection limit. */
    public NntpConnectException(String message, Throwable cause, boolean tooManyConnections) {
        super(message, cause);
        this.tooManyConnections = tooManyConnections;
    }

    /** Whether the server refused because of its connection limit (the pool shrinks instead of retrying). */
    public boolean tooManyConnections() {
        return tooManyConnections;
    }

    /** Creates the fault with a one-line message and its cause. */
    public NntpConnectException(String message, Throwable cause) {
        this(message, cause, false);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
