package io.usync.core;

/** A share id that cannot be used: wrong prefix, checksum, length, kind or unsafe KDF parameters. */
public final class InvalidShareIdException extends CoreException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message saying what is wrong and what to do. */
    public InvalidShareIdException(String message) {
        super(message);
    }
}
