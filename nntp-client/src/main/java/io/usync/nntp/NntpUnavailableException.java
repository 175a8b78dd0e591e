package io.usync.nntp;

/** No connection could be had: the pool's pending bound or timeout, an open circuit, or no server for a role. */
public final class NntpUnavailableException extends NntpException {

    private static final long serialVersionUID = 1L;

    private final boolean paused;

    /** Creates the fault with a one-line message. */
    public NntpUnavailableException(String message) {
        this(message, null, false);
    }

    /** Creates the fault with a one-line message and its cause. */
    public NntpUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /** Creates the fault; {@code paused} marks a server whose circuit did not let the call through. */
    public NntpUnavailableException(String message, Throwable cause, boolean paused) {
        super(message, cause);
        this.paused = paused;
    }

    /** Whether the server is paused (its circuit is open), rather than its pool busy, closed or not connected. */
    public boolean paused() {
        return paused;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
