package io.usync.core;

/** Password-KDF parameters that are malformed or above the caps, refused before any computation. */
public final class KdfParametersException extends CoreException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message. */
    public KdfParametersException(String message) {
        super(message);
    }
}
