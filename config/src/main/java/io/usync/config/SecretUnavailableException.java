package io.usync.config;

/** A secret reference that cannot be resolved (variable unset, file unreadable); the message names the reference, never a value. */
public final class SecretUnavailableException extends ConfigException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message. */
    public SecretUnavailableException(String message) {
        super(message);
    }
}
