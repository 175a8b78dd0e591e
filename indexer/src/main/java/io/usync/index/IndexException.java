package io.usync.index;

/**
 * Every fault the index raises: one sealed hierarchy so callers can tell storage trouble from
 * their own bugs; messages are one line saying what happened and what to do.
 */
public sealed class IndexException extends RuntimeException
        permits IndexException.ServerUnavailable, IndexException.MigrationFailed,
                IndexException.InvalidValue, IndexException.StorageFailed {

    private static final long serialVersionUID = 1L;

    IndexException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The PostgreSQL server could not be started, reached or shared. */
    public static final class ServerUnavailable extends IndexException {
        private static final long serialVersionUID = 1L;

        /** Creates the fault with a one-line message and an optional cause. */
        public ServerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A schema migration could not be applied or does not match the recorded checksum. */
    public static final class MigrationFailed extends IndexException {
        private static final long serialVersionUID = 1L;

        /** Creates the fault with a one-line message and an optional cause. */
        public MigrationFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A value cannot be stored as given (for example a file name containing NUL). */
    public static final class InvalidValue extends IndexException {
        private static final long serialVersionUID = 1L;

        /** Creates the fault with a one-line message. */
        public InvalidValue(String message) {
            super(message, null);
        }
    }

    /** A read or write against the index failed after any retries. */
    public static final class StorageFailed extends IndexException {
        private static final long serialVersionUID = 1L;

        /** Creates the fault with a one-line message and the underlying cause. */
        public StorageFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
