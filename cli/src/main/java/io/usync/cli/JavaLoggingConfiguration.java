package io.usync.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * The java.util.logging configuration of a run without {@code --verbose}: nothing printed. Named by
 * the system property {@code java.util.logging.config.class}, so it applies only if a library (the
 * PostgreSQL driver) starts java.util.logging at all; the driver's warnings (with stack traces)
 * about a database it cannot reach would otherwise precede usync's own one-line error.
 */
public final class JavaLoggingConfiguration {

    /** Reads the quiet configuration into the log manager (called by it, once). */
    public JavaLoggingConfiguration() throws IOException {
        LogManager.getLogManager().readConfiguration(
                new ByteArrayInputStream(".level=OFF\n".getBytes(StandardCharsets.ISO_8859_1)));
    }
}
