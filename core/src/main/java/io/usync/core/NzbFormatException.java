package io.usync.core;

/** An NZB document that is not well-formed XML, not an NZB, or refused for safety (DTD, entities). */
public final class NzbFormatException extends CoreException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message. */
    public NzbFormatException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line message and the parser's cause. */
    public NzbFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
