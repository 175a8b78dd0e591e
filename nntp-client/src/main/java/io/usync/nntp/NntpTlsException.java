package io.usync.nntp;

/** The TLS session failed: handshake, untrusted certificate, host-name mismatch or STARTTLS not offered. */
public final class NntpTlsException extends NntpException {

    private static final long serialVersionUID = 1L;

    /** Creates the fault with a one-line message. */
    public NntpTlsException(String message) {
        super(message, null);
    }

    /** Creates the fault with a one-line message and its cause. */
    public NntpTlsException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
