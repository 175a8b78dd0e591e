package io.usync.nntp;

/** No connection could be had: the pool's pending bound or timeout, an open circuit, or no server for a role. */
public final class NntpUnavailableException extends NntpException {

    private static final long serialVersionUID = 1L;

    /** Creates the fault with a one-line message. */
    public NntpUnavailableException(String message) {
        super(message, null);
    }

    /** Creates the fault with a one-line message and its cause. */
    public NntpUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
