package io.usync.nntp;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

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

    /**
     * The fault inside the wrappers that futures and executors put around it
     * ({@link CompletionException}, {@link ExecutionException}): what a failed NNTP call's future
     * hands its callbacks is unwrapped here, wherever it is read.
     */
    public static Throwable unwrap(Throwable fault) {
        Throwable t = fault;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
