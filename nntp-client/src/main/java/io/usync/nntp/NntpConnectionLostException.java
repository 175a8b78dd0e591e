package io.usync.nntp;

/** The connection closed while commands were in flight; they may be retried elsewhere. */
public final class NntpConnectionLostException extends NntpException {

    private static final long serialVersionUID = 1L;

    /** Creates the fault with a one-line message. */
    public NntpConnectionLostException(String message) {
        super(message, null);
    }

    /** Creates the fault with a one-line message and its cause. */
    public NntpConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
