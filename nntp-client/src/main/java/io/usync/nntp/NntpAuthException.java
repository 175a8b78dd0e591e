package io.usync.nntp;

/** The server rejected the credentials (481/482/502 on AUTHINFO) or asked for a login we cannot give. */
public final class NntpAuthException extends NntpException {

    private static final long serialVersionUID = 1L;

    /** Creates the fault with a one-line message. */
    public NntpAuthException(String message) {
        super(message, null);
    }

    /** Creates the fault with a one-line message and its cause. */
    public NntpAuthException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
