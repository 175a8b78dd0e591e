package io.usync.nntp;

/**
 * Root of every fault the NNTP client raises; expected outcomes (missing article, rejected post)
 * are result values instead.
 */
public abstract sealed class NntpException extends RuntimeException
        permits NntpConnectException, NntpAuthException, NntpTlsException, NntpProtocolException,
                NntpTimeoutException, NntpConnectionLostException, NntpUnavailableException {

    private static final long serialVersionUID = 1L;

    /** Creates a fault with a one-line message and an optional cause. */
    protected NntpException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the same command may succeed on another connection or server. */
    public abstract boolean retryable();
}
