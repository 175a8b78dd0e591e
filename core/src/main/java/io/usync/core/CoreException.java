package io.usync.core;

/** Root of the faults raised by the core module; every message is one line a person can act on. */
public abstract sealed class CoreException extends RuntimeException
        permits InvalidShareIdException, KdfParametersException, KeyTextException, NzbFormatException {

    private static final long serialVersionUID = 1L;

    /** Creates a fault with a one-line message. */
    protected CoreException(String message) {
        super(message);
    }

    /** Creates a fault with a one-line message and the underlying cause. */
    protected CoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
