package io.usync.config;

/**
 * A configuration problem reported as one line, {@code file:line:column: what - fix}, that never
 * contains a secret; the single fault hierarchy of the config module.
 */
public sealed class ConfigException extends RuntimeException permits SecretUnavailableException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message. */
    public ConfigException(String message) {
        super(message, null, false, false);
    }

    /** Formats {@code file:line:column: what - fix}. */
    static ConfigException at(String file, Location location, String what, String fix) {
        return new ConfigException(file + ":" + location.line() + ":" + location.column() + ": " + what + " - " + fix);
    }
}
