package io.usync.nntp;

import java.util.Optional;

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

    /**
     * The failure to connect behind {@code fault} (unwrapped by {@link #unwrap}): the
     * fault itself, or the cause of a paused server's {@link NntpUnavailableException} (an open
     * circuit carries its last connect fault); empty for a refusal for the connection limit and for
     * any other fault. A command that meets one while no server has answered yet may stop at once:
     * no server can be reached.
     */
    public static Optional<NntpConnectException> behind(Throwable fault) {
        Throwable t = unwrap(fault);
        Throwable connect = t instanceof NntpUnavailableException ? t.getCause() : t;
        return connect instanceof NntpConnectException c && !c.tooManyConnections() ? Optional.of(c)
                : Optional.empty();
    }

    /**
     * The fault behind {@code fault} (unwrapped by {@link #unwrap}) that stops a whole
     * upload or download, the one rule both use: a login or TLS refusal, which every server and
     * article would meet alike; or, while no server has {@code answered} a command of the job yet,
     * the failure to connect that {@link #behind} finds (no server can be reached, so retrying each
     * article would only delay the same answer by minutes); empty for any other fault.
     */
    public static Optional<NntpException> stopsJob(Throwable fault, boolean answered) {
        Throwable t = unwrap(fault);
        if (t instanceof NntpAuthException || t instanceof NntpTlsException) {
            return Optional.of((NntpException) t);
        }
        return answered ? Optional.empty() : behind(t).map(NntpException.class::cast);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
