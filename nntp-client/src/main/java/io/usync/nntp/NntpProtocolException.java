package io.usync.nntp;

/** The server answered something the protocol does not allow here (desync, unknown code, over-long line). */
public final class NntpProtocolException extends NntpException {

    private static final long serialVersionUID = 1L;

    /** Creates the fault with a one-line message. */
    public NntpProtocolException(String message) {
        super(message, null);
    }

    /** Creates the fault with a one-line message and its cause. */
    public NntpProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
