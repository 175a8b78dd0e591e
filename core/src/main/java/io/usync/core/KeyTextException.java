package io.usync.core;

/** Key text (a {@code usync-pub-...} public key or a private key file) that cannot be decoded. */
public final class KeyTextException extends CoreException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message. */
    public KeyTextException(String message) {
        super(message);
    }
}
